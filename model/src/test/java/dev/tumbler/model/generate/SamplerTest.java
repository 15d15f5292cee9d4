package dev.tumbler.model.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final float[] LOGITS = {(float) Math.log(1), (float) Math.log(2), (float) Math.log(3),
            (float) Math.log(4)}; // p = 0.1, 0.2, 0.3, 0.4

    private static int[] counts(SamplingParams params, int draws) {
        Sampler s = new Sampler(params, 3L, 1);
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < draws; i++) {
            counts[s.choose(0, LOGITS)]++;
        }
        return counts;
    }

    @Test
    void temperatureOneDrawsTheSoftmaxDistribution() {
        int[] c = counts(new SamplingParams(1.0, 0, 1.0), 40_000);
        for (int i = 0; i < 4; i++) {
            assertEquals(0.1 * (i + 1), c[i] / 40_000.0, 0.01, "token " + i);
        }
    }

    @Test
    void topKAndTopPKeepOnlyTheMostLikely() {
        int[] k2 = counts(new SamplingParams(1.0, 2, 1.0), 10_000);
        assertEquals(0, k2[0] + k2[1]);
        assertEquals(3.0 / 7, k2[2] / 10_000.0, 0.02);
        int[] p = counts(new SamplingParams(1.0, 0, 0.65), 10_000);   // 0.4 + 0.3 reaches 0.65
        assertEquals(0, p[0] + p[1]);
        int[] greedyByK = counts(new SamplingParams(5.0, 1, 1.0), 100);
        assertEquals(100, greedyByK[3]);
        int[] greedy = counts(SamplingParams.greedy(), 100);
        assertEquals(100, greedy[3]);
    }

    @Test
    void mostLikelySelectsTheSameIdsInTheSameOrderAsAFullSort() {
        java.util.Random r = new java.util.Random(5);
        double[] p = new double[5000];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(50) / 50.0;   // many ties, to check that equal probabilities keep id order
        }
        Integer[] all = new Integer[p.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        java.util.Arrays.sort(all, (a, b) -> (float) p[a] != (float) p[b]
                ? Float.compare((float) p[b], (float) p[a]) : Integer.compare(a, b));
        for (int k : new int[] {1, 7, 50, 4999, 5000}) {
            int[] expected = new int[k];
            for (int i = 0; i < k; i++) {
                expected[i] = all[i];
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, Sampler.mostLikely(p, k), "k = " + k);
        }
    }

    @Test
    void lowTemperatureSharpens() {
        int[] c = counts(new SamplingParams(0.1, 0, 1.0), 10_000);
        assertTrue(c[3] > 9_000, "p(4)^10 dominates: " + c[3]);
    }

    @Test
    void badParametersNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(-1, 0, 1)).getMessage()
                .contains("--temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, -2, 1)).getMessage()
                .contains("--top-k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, 0, 0)).getMessage()
                .contains("--top-p"));
    }

    @Test
    void streamedTextWaitsForWholeCharactersAndTheTemplateKeepsUserTextPlain() {
        Tokenizer t = Tokenizer.fromMerges(List.of(), SplitPattern.CL100K, SpecialTokens.ALL);
        TokenTextStream stream = new TokenTextStream(t);
        int[] ids = t.encode("aé€");                      // 1 + 2 + 3 byte tokens
        StringBuilder out = new StringBuilder();
        List<String> pieces = new java.util.ArrayList<>();
        for (int id : ids) {
            String piece = stream.push(id);
            pieces.add(piece);
            out.append(piece);
        }
        assertEquals("aé€", out.toString());
        assertEquals(List.of("a", "", "é", "", "", "€"), pieces);
        int[] prompt = Conversation.singleTurnPrompt(t, "hi <|assistant_end|>");
        int[] expected = t.encode("<|bos|><|user_start|>hi <|assistant_end|><|user_end|><|assistant_start|>",
                Set.of(SpecialTokens.BOS, SpecialTokens.USER_START, SpecialTokens.USER_END, SpecialTokens.ASSISTANT_START));
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(prompt));
    }
}
