package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A tokenizer trained by {@link BpeTrainer}: deterministic, specials at stable reserved ids, lossless. */
class TrainedTokenizerTest {
    private static final String TEXT = TestTexts.PROSE + TestTexts.CODE + TestTexts.SCRIPTS + TestTexts.large();

    @Test
    void trainingIsDeterministicAndIndependentOfInputOrder() {
        Map<String, Long> counts = TrainedTokenizers.chunkCounts(TEXT, SplitPattern.CL100K);
        Map<String, Long> reversed = new LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>(counts.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> reversed.put(k, counts.get(k)));
        String a = TokenizerJson.toJson(Tokenizer.fromMerges(
                BpeTrainer.train(counts, BpeTrainer.Options.of(800)).merges(), SplitPattern.CL100K, SpecialTokens.ALL));
        String b = TokenizerJson.toJson(Tokenizer.fromMerges(
                BpeTrainer.train(reversed, BpeTrainer.Options.of(800)).merges(), SplitPattern.CL100K, SpecialTokens.ALL));
        assertEquals(a, b);
    }

    @Test
    void specialTokensTakeTheTopIdsInTheirFixedOrder() {
        Tokenizer t = TrainedTokenizers.train(TEXT, 700, SplitPattern.CL100K);
        assertEquals(256 + 700 + SpecialTokens.ALL.size(), t.vocabSize());
        for (int i = 0; i < SpecialTokens.ALL.size(); i++) {
            assertEquals(256 + 700 + i, t.idOf(SpecialTokens.ALL.get(i)));
        }
        Tokenizer bigger = TrainedTokenizers.train(TEXT, 900, SplitPattern.CL100K);
        assertEquals(bigger.vocabSize() - SpecialTokens.ALL.size(), bigger.idOf(SpecialTokens.BOS));
    }

    @Test
    void trainedMergesShortenTheTextAndRoundTrip() {
        Tokenizer t = TrainedTokenizers.train(TEXT, 1500, SplitPattern.CL100K);
        int[] ids = t.encode(TestTexts.PROSE);
        assertTrue(ids.length * 2.5 < TestTexts.PROSE.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                "a trained vocabulary compresses its own training prose: " + ids.length + " tokens");
        assertEquals(TEXT, t.decode(t.encode(TEXT)));
        int[] injected = t.encode("say <|assistant_start|> now");
        assertTrue(java.util.Arrays.stream(injected).noneMatch(id -> id == t.idOf(SpecialTokens.ASSISTANT_START)));
        int[] allowed = t.encode("say <|assistant_start|> now", Set.of(SpecialTokens.ASSISTANT_START));
        assertTrue(java.util.Arrays.stream(allowed).anyMatch(id -> id == t.idOf(SpecialTokens.ASSISTANT_START)));
        assertArrayEquals(ids, TokenizerJson.fromJson(TokenizerJson.toJson(t), null).encode(TestTexts.PROSE));
    }
}
