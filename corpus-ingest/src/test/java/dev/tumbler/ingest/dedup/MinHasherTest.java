package dev.tumbler.ingest.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHasherTest {
    private static final String BASE = "The committee met on Tuesday to discuss the budget for the coming year, "
            + "and after a long debate the members agreed to raise funding for public libraries, repair the old "
            + "bridge over the river, and hire two more teachers for the primary school in the northern district. "
            + "The mayor thanked everyone for their patience and promised a full report before the end of the month.";

    @Test
    void signatureIsDeterministicForASeedAndDiffersAcrossSeeds() {
        int[] a = new MinHasher(112, 5, 7).signature(BASE);
        int[] b = new MinHasher(112, 5, 7).signature(BASE);
        int[] c = new MinHasher(112, 5, 8).signature(BASE);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertEquals(112, a.length);
    }

    @Test
    void estimateTracksTrueJaccardOfShingles() {
        String edited = BASE.replace("two more teachers", "three more teachers");
        MinHasher hasher = new MinHasher(256, 5, 1);
        double estimate = MinHasher.similarity(hasher.signature(BASE), hasher.signature(edited));
        double truth = jaccard(shingles(BASE), shingles(edited));
        assertEquals(truth, estimate, 0.12, "estimate " + estimate + " vs true " + truth);
    }

    @Test
    void caseAndPunctuationDoNotMatterButWordsDo() {
        MinHasher hasher = new MinHasher(112, 5, 1);
        assertEquals(1.0, MinHasher.similarity(hasher.signature(BASE), hasher.signature(BASE.toUpperCase().replace(",", ""))));
        String other = "Completely unrelated words about astronomy: the telescope observed a distant galaxy whose light "
                + "left it long before the sun formed, and the astronomers measured its redshift carefully.";
        assertTrue(MinHasher.similarity(hasher.signature(BASE), hasher.signature(other)) < 0.1);
    }

    @Test
    void contentHashIgnoresSpacingAndCase() {
        assertEquals(TextNormalizer.contentHash("Hello,   World!"), TextNormalizer.contentHash("hello world"));
        assertFalse(TextNormalizer.contentHash("hello world").equals(TextNormalizer.contentHash("hello worlds")));
    }

    private static Set<String> shingles(String text) {
        String[] w = TextNormalizer.words(text);
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 5 <= w.length; i++) {
            out.add(String.join(" ", Arrays.copyOfRange(w, i, i + 5)));
        }
        return out;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return (double) inter.size() / union.size();
    }
}
