package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The incremental trainer learns exactly what the naive recount-everything trainer learns. */
class BpeTrainerReferenceTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void matchesNaiveTrainerOnRandomText(long seed) {
        int distinct = 20 + (int) (seed * 37 % 300);
        int maxCount = seed % 3 == 0 ? 1000 : 12;
        long minPairCount = seed % 4;
        Map<String, Long> counts = BpeTestCorpora.randomWords(seed, distinct, 9, maxCount);
        BpeTrainer.Result result = BpeTrainer.train(counts, new BpeTrainer.Options(300, minPairCount));
        NaiveBpeTrainer.Outcome expected = NaiveBpeTrainer.train(BpeTestCorpora.utf8(counts), 300, minPairCount);
        assertTrue(expected.merges().size() >= 20, "corpus too small to test much");
        assertEquals(BpeTestCorpora.hex(expected.merges()), BpeTestCorpora.hex(result.merges()));
        assertEquals(expected.stoppedEarly(), result.stoppedEarly());
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void matchesNaiveTrainerOnRandomBytes(long seed) {
        Map<ByteArrayKey, Long> counts = BpeTestCorpora.randomBytes(seed, 200);
        BpeTrainer.Result result = BpeTrainer.trainBytes(counts, new BpeTrainer.Options(250, 2));
        NaiveBpeTrainer.Outcome expected = NaiveBpeTrainer.train(counts, 250, 2);
        assertTrue(expected.merges().size() >= 20, "corpus too small to test much");
        assertEquals(BpeTestCorpora.hex(expected.merges()), BpeTestCorpora.hex(result.merges()));
        assertEquals(expected.stoppedEarly(), result.stoppedEarly());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 40})
    void matchesNaiveTrainerWhenCutShort(int numMerges) {
        Map<String, Long> counts = BpeTestCorpora.randomWords(99, 300, 8, 50);
        BpeTrainer.Result result = BpeTrainer.train(counts, BpeTrainer.Options.of(numMerges));
        NaiveBpeTrainer.Outcome expected = NaiveBpeTrainer.train(BpeTestCorpora.utf8(counts), numMerges, 2);
        assertEquals(BpeTestCorpora.hex(expected.merges()), BpeTestCorpora.hex(result.merges()));
        assertEquals(expected.stoppedEarly(), result.stoppedEarly());
    }
}
