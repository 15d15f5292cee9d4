package dev.tumbler.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tools.Calculator;
import dev.tumbler.model.tools.Tool;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine loop: forced decoding through the tool, stop reasons, K samples, determinism. */
class GeneratorTest {
    private static final Tokenizer TOKENIZER = Tokenizer.fromMerges(List.of(), SplitPattern.CL100K, SpecialTokens.ALL);
    private static TransformerConfig config;
    private static ComputationGraph graph;
    private static TransformerWeights weights;

    @BeforeAll
    static void model() {
        config = new TransformerConfig(TOKENIZER.vocabSize(), 96, 16, 2, 2, 4, 0.0, false, PositionEncoding.ROTARY);
        graph = ReferenceLogits.randomGraph(config, 9L, 0.3);
        weights = TransformerWeights.from(graph, config);
    }

    private static int id(String special) {
        return TOKENIZER.idOf(special);
    }

    private static int[] ids(String textWithSpecials) {
        return TOKENIZER.encode(textWithSpecials, Set.copyOf(SpecialTokens.ALL));
    }

    @Test
    void forcedDecodingRunsTheToolAndFeedsItsOutputBackToTheModel() {
        int[] prompt = Conversation.singleTurnPrompt(TOKENIZER, "What is 6*7?");
        int[] script = ids("<|python_start|>6*7<|python_end|> so<|assistant_end|>");
        List<float[]> seen = new ArrayList<>();
        TokenChooser scripted = (sample, logits) -> {
            seen.add(logits.clone());
            return script[seen.size() - 1];
        };
        List<String> calls = new ArrayList<>();
        StringBuilder forcedFlags = new StringBuilder();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onToken(int sample, int token, boolean forced) {
                forcedFlags.append(forced ? 'F' : 's');
            }

            @Override
            public void onToolCall(int sample, String code, String output) {
                calls.add(code + " => " + output);
            }
        };
        Generator engine = new Generator(weights, TOKENIZER, new Calculator());
        Completion c = engine.generate(new GenerationRequest(prompt, 1, 40, SamplingParams.greedy(), 1L,
                id(SpecialTokens.ASSISTANT_END)), scripted, listener).get(0);

        int[] expected = ids("<|python_start|>6*7<|python_end|><|output_start|>42<|output_end|> so<|assistant_end|>");
        assertArrayEquals(expected, c.tokens());
        assertEquals(StopReason.STOP_TOKEN, c.stopReason());
        assertEquals(1, c.toolCalls());
        assertEquals(List.of("6*7 => 42"), calls);
        assertEquals("<|python_start|>6*7<|python_end|><|output_start|>42<|output_end|> so", c.text());
        assertEquals("s".repeat(5) + "F".repeat(4) + "s".repeat(4), forcedFlags.toString());
        // The logits behind the last choice are the full forward pass over prompt + everything generated before it,
        // forced tool output included: the model saw the tool's answer.
        int[] context = concat(prompt, Arrays.copyOf(expected, expected.length - 1));
        float[][] reference = ReferenceLogits.logits(graph, config, context);
        assertEquals(0.0, ReferenceLogits.maxAbsDiff(reference[context.length - 1], seen.get(seen.size() - 1)), 1e-4);
    }

    @Test
    void aTokenizerWithoutToolTokensLeavesTheToolOut() {
        Tokenizer plain = Tokenizer.fromMerges(List.of(), SplitPattern.CL100K, List.of(SpecialTokens.BOS));
        TransformerConfig c = new TransformerConfig(plain.vocabSize(), 16, 16, 1, 2, 4, 0.0, false,
                PositionEncoding.ROTARY);
        TransformerWeights w = TransformerWeights.from(ReferenceLogits.randomGraph(c, 2L, 0.3), c);
        assertFalse(new Generator(w, plain, new Calculator()).toolsEnabled());
        assertTrue(new Generator(weights, TOKENIZER, new Calculator()).toolsEnabled());
        assertFalse(new Generator(weights, TOKENIZER, null).toolsEnabled());
    }

    @Test
    void aFailingToolBecomesOutputTextAndGenerationGoesOn() {
        Tool broken = new Tool() {
            @Override
            public String run(String code) {
                throw new IllegalStateException("boom");
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        int[] script = ids("<|python_start|>1<|python_end|>ok<|assistant_end|>");
        int[] next = {0};
        Completion c = new Generator(weights, TOKENIZER, broken).generate(
                new GenerationRequest(ids("<|bos|>"), 1, 90, SamplingParams.greedy(), 1L, id(SpecialTokens.ASSISTANT_END)),
                (sample, logits) -> script[next[0]++], GenerationListener.NONE).get(0);
        assertTrue(c.text().contains("<|output_start|>error: IllegalStateException: boom<|output_end|>ok"),
                c.text());
        assertEquals(StopReason.STOP_TOKEN, c.stopReason());
    }

    @Test
    void greedyDecodingFollowsTheFullForwardPassArgmax() {
        int[] prompt = ids("<|bos|>Hello");
        Completion c = new Generator(weights, TOKENIZER, null).generate(new GenerationRequest(prompt, 1, 12,
                SamplingParams.greedy(), 1L, id(SpecialTokens.BOS)), GenerationListener.NONE).get(0);
        int[] seq = concat(prompt, c.tokens());
        float[][] ref = ReferenceLogits.logits(graph, config, seq);              // one full pass covers every step
        for (int i = 0; i < c.tokens().length; i++) {
            int at = prompt.length - 1 + i;
            assertEquals(Sampler.argmax(ref[at]), c.tokens()[i], "token after position " + at);
        }
        assertTrue(c.stopReason() == StopReason.MAX_TOKENS && c.tokens().length == 12
                || c.stopReason() == StopReason.STOP_TOKEN, c.stopReason().toString());
    }

    @Test
    void kSamplesAreReproducibleIndependentAndBoundedByTheContext() {
        Generator engine = new Generator(weights, TOKENIZER, null);
        int[] prompt = ids("<|bos|>Once");
        GenerationRequest three = new GenerationRequest(prompt, 3, 1000, new SamplingParams(1.0, 50, 0.95), 7L, -1);
        List<Completion> a = engine.generate(three, GenerationListener.NONE);
        List<Completion> b = engine.generate(three, GenerationListener.NONE);
        assertEquals(3, a.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a.get(i).tokens(), b.get(i).tokens(), "same seed, same sample " + i);
            assertEquals(StopReason.CONTEXT_FULL, a.get(i).stopReason());
            assertEquals(config.seqLen() - prompt.length + 1, a.get(i).tokens().length);
        }
        assertNotEquals(Arrays.toString(a.get(0).tokens()), Arrays.toString(a.get(1).tokens()));
        List<Completion> one = engine.generate(new GenerationRequest(prompt, 1, 1000, new SamplingParams(1.0, 50, 0.95),
                7L, -1), GenerationListener.NONE);
        assertArrayEquals(a.get(0).tokens(), one.get(0).tokens(), "a sample does not depend on the batch size");
        List<Completion> other = engine.generate(new GenerationRequest(prompt, 1, 1000,
                new SamplingParams(1.0, 50, 0.95), 8L, -1), GenerationListener.NONE);
        assertNotEquals(Arrays.toString(one.get(0).tokens()), Arrays.toString(other.get(0).tokens()));
        Completion capped = engine.generate(new GenerationRequest(prompt, 1, 5, SamplingParams.greedy(), 7L, -1),
                GenerationListener.NONE).get(0);
        assertEquals(StopReason.MAX_TOKENS, capped.stopReason());
        assertEquals(5, capped.tokens().length);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
