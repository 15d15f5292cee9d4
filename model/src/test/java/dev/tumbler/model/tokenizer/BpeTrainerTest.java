package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
    /**
     * Worked by hand; ties go to the smallest (left id, right id), ids of bytes being their ASCII codes.
     * <pre>
     * pairs: lo 5+2=7, ow 7, we 2+6=8, er 2, ne 6, ew 6, es 6+3=9, st 9, wi 3, id 3, de 3
     *  0  e+s    9: es (101,115) ties st (115,116); 'e' < 's'
     *  1  es+t   9: n e w es t, w i d es t
     *  2  l+o    7: lo (108,111) ties ow (111,119)
     *  3  lo+w   7
     *  4  e+w    6: ties n+e (110,101) and w+est (119,257); 'e' is smallest (we is down to 2 after merge 0)
     *  5  n+ew   6: (110,260) before ew+est (260,257)
     *  6  new+est 6
     *  7  d+est  3: (100,257) before i+d (105,100) and w+i (119,105)
     *  8  i+dest 3
     *  9  w+idest 3
     * 10  e+r    2: (101,114) before low+e (259,101)
     * 11  low+er 2, then no pair is left
     * </pre>
     */
    @Test
    void learnsHandComputedMergesWithTieBreak() {
        Map<String, Long> counts = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);
        BpeTrainer.Result result = BpeTrainer.train(counts, BpeTrainer.Options.of(20));
        assertEquals(List.of("e+s", "es+t", "l+o", "lo+w", "e+w", "n+ew", "new+est", "d+est", "i+dest", "w+idest",
                "e+r", "low+er"), BpeTestCorpora.text(result.merges()));
        assertTrue(result.stoppedEarly());
        assertEquals(4, result.distinctChunks());
        assertEquals(16, result.totalChunkCount());
    }

    @Test
    void minPairCountStopsBeforeRarePairs() {
        Map<String, Long> counts = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);
        BpeTrainer.Result result = BpeTrainer.train(counts, new BpeTrainer.Options(20, 4));
        assertEquals(List.of("e+s", "es+t", "l+o", "lo+w", "e+w", "n+ew", "new+est"),
                BpeTestCorpora.text(result.merges()));
        assertTrue(result.stoppedEarly());
    }

    @Test
    void stopsAtNumMergesWithoutStoppingEarly() {
        Map<String, Long> counts = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);
        BpeTrainer.Result result = BpeTrainer.train(counts, BpeTrainer.Options.of(3));
        assertEquals(List.of("e+s", "es+t", "l+o"), BpeTestCorpora.text(result.merges()));
        assertFalse(result.stoppedEarly());
    }

    @Test
    void zeroMergesGivesNoMerges() {
        BpeTrainer.Result result = BpeTrainer.train(Map.of("hello", 10L), BpeTrainer.Options.of(0));
        assertTrue(result.merges().isEmpty());
        assertFalse(result.stoppedEarly());
        assertEquals(1, result.distinctChunks());
    }

    @Test
    void singleOccurrencePairsAreNotMergedByDefault() {
        BpeTrainer.Result result = BpeTrainer.train(Map.of("ab", 1L, "cd", 1L), BpeTrainer.Options.of(5));
        assertTrue(result.merges().isEmpty());
        assertTrue(result.stoppedEarly());
        BpeTrainer.Result anyCount = BpeTrainer.train(Map.of("ab", 1L, "cd", 1L), new BpeTrainer.Options(5, 1));
        assertEquals(List.of("a+b", "c+d"), BpeTestCorpora.text(anyCount.merges()));
        assertTrue(anyCount.stoppedEarly());
    }

    @Test
    void repeatedSymbolsMergeLeftToRightWithoutOverlap() {
        // aaaaa: aa count 4 -> (aa)(aa)a: aa+aa 1, aa+a 1, tie broken by right id: a (97) < aa (256).
        BpeTrainer.Result result = BpeTrainer.train(Map.of("aaaaa", 1L), new BpeTrainer.Options(10, 1));
        assertEquals(List.of("a+a", "aa+a", "aa+aaa"), BpeTestCorpora.text(result.merges()));
    }

    @Test
    void ignoresEmptyChunksAndZeroCountsAndAddsEqualBytes() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("", 7L);
        counts.put("xy", 0L);
        counts.put("\uD800", 2L); // an unpaired surrogate encodes as '?'
        counts.put("?", 3L);
        counts.put("ab", 4L);
        BpeTrainer.Result result = BpeTrainer.train(counts, BpeTrainer.Options.of(5));
        assertEquals(2, result.distinctChunks());
        assertEquals(9, result.totalChunkCount());
        assertEquals(List.of("a+b"), BpeTestCorpora.text(result.merges()));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainer.Options(-1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> BpeTrainer.train(Map.of("ab", -1L), BpeTrainer.Options.of(1)));
    }

    @Test
    void sameResultForAnyInputOrder() {
        Map<String, Long> counts = BpeTestCorpora.randomWords(7, 500, 8, 40);
        List<String> expected = BpeTestCorpora.hex(BpeTrainer.train(counts, BpeTrainer.Options.of(150)).merges());
        for (long seed = 0; seed < 5; seed++) {
            Map<String, Long> shuffled = BpeTestCorpora.shuffled(counts, seed);
            assertEquals(expected, BpeTestCorpora.hex(BpeTrainer.train(shuffled, BpeTrainer.Options.of(150)).merges()));
        }
        assertEquals(expected, BpeTestCorpora.hex(
                BpeTrainer.trainBytes(BpeTestCorpora.utf8(counts), BpeTrainer.Options.of(150)).merges()));
    }

    @Test
    void everyMergeJoinsEarlierTokensIntoANewOne() {
        Map<String, Long> counts = BpeTestCorpora.randomWords(11, 2000, 10, 100);
        BpeTrainer.Result result = BpeTrainer.train(counts, new BpeTrainer.Options(400, 1));
        assertTrue(result.merges().size() > 100);
        Set<ByteArrayKey> tokens = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(new ByteArrayKey(new byte[] {(byte) b}));
        }
        for (byte[][] merge : result.merges()) {
            assertEquals(2, merge.length);
            assertTrue(tokens.contains(new ByteArrayKey(merge[0])));
            assertTrue(tokens.contains(new ByteArrayKey(merge[1])));
            byte[] joined = new byte[merge[0].length + merge[1].length];
            System.arraycopy(merge[0], 0, joined, 0, merge[0].length);
            System.arraycopy(merge[1], 0, joined, merge[0].length, merge[1].length);
            assertTrue(tokens.add(new ByteArrayKey(joined)), "merged token appears twice");
        }
    }
}
