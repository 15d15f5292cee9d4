package dev.tumbler.model.generate;

import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.model.tokenizer.IntList;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tools.Tool;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The generation engine: prefills a prompt once into a {@link KvCacheModel}, copies it to K rows and grows all K
 * samples together, one token per row per step, until each writes the stop token, reaches {@code maxTokens} or
 * fills the context. When a sample writes {@code <|python_start|>code<|python_end|>} and a {@link Tool} is set,
 * the tool runs {@code code} and the engine forces {@code <|output_start|>output<|output_end|>} into that sample
 * before it samples again.
 */
public final class Generator {
    /** Tool output longer than this is cut, so one call cannot fill the context. */
    public static final int MAX_TOOL_OUTPUT_CHARS = 1000;

    private final TransformerWeights weights;
    private final Tokenizer tokenizer;
    private final Tool tool;
    private final ChatTemplate template;
    private final int pythonStart;
    private final int pythonEnd;

    /**
     * An engine over {@code weights} with {@code tokenizer} (the one the model was trained with); {@code tool} null
     * leaves tool-call tokens as ordinary tokens, and so does a tokenizer without the chat template's special
     * tokens.
     */
    public Generator(TransformerWeights weights, Tokenizer tokenizer, Tool tool) {
        if (tokenizer.vocabSize() != weights.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model's vocabulary is " + weights.config().vocabSize());
        }
        this.weights = weights;
        this.tokenizer = tokenizer;
        boolean chatTokens = ChatTemplate.supports(tokenizer);
        this.template = chatTokens ? new ChatTemplate(tokenizer) : null;
        this.tool = chatTokens ? tool : null;
        this.pythonStart = chatTokens ? tokenizer.idOf(SpecialTokens.PYTHON_START) : -1;
        this.pythonEnd = chatTokens ? tokenizer.idOf(SpecialTokens.PYTHON_END) : -1;
    }

    /**
     * Whether tool calls run: a tool was given and the tokenizer has the chat template's special tokens, the four
     * tool tokens among them. Without those tokens the model cannot write a call, and the tool is left out.
     */
    public boolean toolsEnabled() {
        return tool != null;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The model's context length. */
    public int contextLength() {
        return weights.config().seqLen();
    }

    /** Samples with {@link Sampler} from the request's sampling parameters and seed. */
    public List<Completion> generate(GenerationRequest request, GenerationListener listener) {
        return generate(request, new Sampler(request.sampling(), request.seed(), request.samples()), listener);
    }

    /**
     * As {@link #generate(GenerationRequest, GenerationListener)}, reusing and then updating {@code cache}: the
     * prompt's prefix that the cache holds is not prefilled again (a chat's earlier turns).
     */
    public List<Completion> generate(GenerationRequest request, GenerationListener listener, PromptCache cache) {
        return generate(request, new Sampler(request.sampling(), request.seed(), request.samples()), listener, cache);
    }

    /** Generates with an explicit token chooser (e.g. forced decoding in tests). */
    public List<Completion> generate(GenerationRequest request, TokenChooser chooser, GenerationListener listener) {
        return generate(request, chooser, listener, null);
    }

    /** Generates with an explicit token chooser, reusing and updating {@code cache} when it is not null. */
    public List<Completion> generate(GenerationRequest request, TokenChooser chooser, GenerationListener listener,
                                     PromptCache cache) {
        int[] prompt = request.prompt();
        if (prompt.length > contextLength()) {
            throw new IllegalArgumentException("--prompt is " + prompt.length + " tokens; the model's context is "
                    + contextLength());
        }
        int k = request.samples();
        PromptCache kept = cache != null ? cache : new PromptCache();   // none given: one that holds nothing yet
        int held = kept.prepare(weights, k, prompt);
        KvCacheModel kv = kept.model();
        float[] first = kv.prefill(0, Arrays.copyOfRange(prompt, held, prompt.length));
        float[][] logits = new float[k][];
        Sample[] samples = new Sample[k];
        for (int r = 0; r < k; r++) {
            if (r > 0) {
                kv.copyRow(0, r);
            }
            logits[r] = first;
            samples[r] = new Sample();
        }
        int[] feedRows = new int[k];
        int[] feedTokens = new int[k];
        while (true) {
            int feed = 0;
            for (int r = 0; r < k; r++) {
                Sample s = samples[r];
                if (s.stop != null) {
                    continue;
                }
                boolean forced = !s.forced.isEmpty();
                int token = forced ? s.forced.poll() : chooser.choose(r, logits[r]);
                s.tokens.add(token);
                listener.onToken(r, token, forced);
                if (!forced && token == request.stopToken()) {
                    s.stop = StopReason.STOP_TOKEN;
                    continue;
                }
                if (!forced) {
                    toolStep(r, s, token, listener);
                }
                if (s.tokens.size() >= request.maxTokens()) {
                    s.stop = StopReason.MAX_TOKENS;
                } else if (kv.length(r) >= kv.capacity()) {
                    s.stop = StopReason.CONTEXT_FULL;
                } else {
                    feedRows[feed] = r;
                    feedTokens[feed++] = token;
                    if (r == 0) {
                        kept.fed(token);
                    }
                }
            }
            if (feed == 0) {
                break;
            }
            float[][] next = kv.append(Arrays.copyOf(feedRows, feed), Arrays.copyOf(feedTokens, feed));
            for (int i = 0; i < feed; i++) {
                logits[feedRows[i]] = next[i];
            }
        }
        Completion[] out = new Completion[k];
        for (int r = 0; r < k; r++) {
            out[r] = samples[r].completion(tokenizer);
        }
        return List.of(out);
    }

    private void toolStep(int row, Sample s, int token, GenerationListener listener) {
        if (tool == null) {
            return;
        }
        if (!s.inToolCall && token == pythonStart) {
            s.inToolCall = true;
            s.code.clear();
        } else if (s.inToolCall && token == pythonEnd) {
            s.inToolCall = false;
            String code = tokenizer.decode(s.code.toArray());
            String output = runTool(code);
            listener.onToolCall(row, code, output);
            for (int id : template.toolOutputIds(output)) {
                s.forced.add(id);
            }
            s.toolCalls++;
        } else if (s.inToolCall) {
            s.code.add(token);
        }
    }

    private String runTool(String code) {
        String output;
        try {
            output = tool.run(code);
        } catch (RuntimeException | StackOverflowError e) {
            output = "error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (output == null) {
            output = "";
        }
        return output.length() <= MAX_TOOL_OUTPUT_CHARS ? output
                : output.substring(0, MAX_TOOL_OUTPUT_CHARS) + "\n[output cut at " + MAX_TOOL_OUTPUT_CHARS + " chars]";
    }

    /** The growing state of one sample. */
    private static final class Sample {
        final IntList tokens = new IntList(16);
        final IntList code = new IntList(16);
        final ArrayDeque<Integer> forced = new ArrayDeque<>();
        boolean inToolCall;
        int toolCalls;
        StopReason stop;

        Completion completion(Tokenizer tokenizer) {
            int[] ids = tokens.toArray();
            int textLength = stop == StopReason.STOP_TOKEN ? ids.length - 1 : ids.length;
            return new Completion(ids, tokenizer.decode(Arrays.copyOf(ids, textLength)), stop, toolCalls);
        }
    }
}
