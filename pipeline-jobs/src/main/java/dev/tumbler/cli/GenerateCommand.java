package dev.tumbler.cli;

import dev.tumbler.generate.GenerationSetup;
import dev.tumbler.jobs.HadoopConfs;
import dev.tumbler.model.generate.Completion;
import dev.tumbler.model.generate.Conversation;
import dev.tumbler.model.generate.GenerationListener;
import dev.tumbler.model.generate.GenerationRequest;
import dev.tumbler.model.generate.TokenTextStream;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.store.ArtifactStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tumbler generate}: continue one prompt K times with a model artifact (KV cache, stop token, tools). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Sample K continuations of a prompt from a model artifact, with a KV cache. Raw text starts with",
                "<|bos|> and stops at the next <|bos|>; --chat renders the prompt as one user turn and stops at",
                "<|assistant_end|>. Tool calls (<|python_start|>...<|python_end|>) run in the built-in calculator",
                "or, with --python-tool, a sandboxed python3; their output is forced into the sequence.",
                "Example: ./tumbler generate --model model/tiny --prompt 'Once upon a time' -n 3 --seed 1"})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Mixin
    GenerationOptions options;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt (plain text).")
    String prompt;

    @Option(names = "-n", defaultValue = "1", paramLabel = "K",
            description = "Samples of the prompt, generated together in one batch. (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--chat", description = "Treat the prompt as a user turn of the chat template. (default: false)")
    boolean chat;

    @Override
    public Integer call() {
        options.validate();
        if (samples < 1) {
            throw new IllegalArgumentException("-n must be >= 1, got " + samples);
        }
        ArtifactStore store = ArtifactStore.open(global.store(), HadoopConfs.fromSystemProperties());
        GenerationSetup.Engine engine = GenerationSetup.load(store, options.model, options.pythonTool);
        Tokenizer tokenizer = engine.generator().tokenizer();
        int[] ids = chat ? Conversation.singleTurnPrompt(tokenizer, prompt) : rawPrompt(tokenizer, prompt);
        int stop = tokenizer.idOf(chat ? SpecialTokens.ASSISTANT_END : SpecialTokens.BOS);
        System.err.println("model " + engine.model() + "; tool: " + engine.toolDescription());
        GenerationListener listener = samples == 1
                ? new Streaming(tokenizer, stop, tokenizer.idOf(SpecialTokens.BOS)) : GenerationListener.NONE;
        long t0 = System.nanoTime();
        List<Completion> completions = engine.generator().generate(new GenerationRequest(ids, samples,
                options.maxTokens, options.sampling(), global.seed(), stop), listener);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long tokens = 0;
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            tokens += c.tokens().length;
            if (samples == 1) {
                System.out.println(((Streaming) listener).text.flush());
            } else {
                System.out.println("=== sample " + (i + 1) + " of " + samples);
                System.out.println(c.text());
            }
            System.err.printf("sample %d: %d tokens, %d tool calls, stopped by %s%n", i + 1, c.tokens().length,
                    c.toolCalls(), c.stopReason());
        }
        System.err.printf("%d tokens in %.2f s (%.1f tokens/s, prompt %d tokens)%n", tokens, seconds,
                tokens / seconds, ids.length);
        return 0;
    }

    private static int[] rawPrompt(Tokenizer tokenizer, String text) {
        int[] body = tokenizer.encode(text);
        int[] ids = new int[body.length + 1];
        ids[0] = tokenizer.idOf(SpecialTokens.BOS);
        System.arraycopy(body, 0, ids, 1, body.length);
        return ids;
    }

    /** Prints the one sample's text as it grows (the stop token and {@code <|bos|>} are not printed). */
    private static final class Streaming implements GenerationListener {
        final TokenTextStream text;
        private final int stop;
        private final int bos;

        /** Token ids resolved once here: raw text may come from a tokenizer without chat tokens. */
        Streaming(Tokenizer tokenizer, int stop, int bos) {
            this.text = new TokenTextStream(tokenizer);
            this.stop = stop;
            this.bos = bos;
        }

        @Override
        public void onToken(int sample, int token, boolean forced) {
            if (token == stop || token == bos) {
                return;
            }
            System.out.print(text.push(token));
            System.out.flush();
        }
    }
}
