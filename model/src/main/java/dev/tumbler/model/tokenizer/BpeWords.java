package dev.tumbler.model.tokenizer;

import java.util.List;

/**
 * The training chunks ("words") of {@link BpeTrainer} as symbol id sequences, all in one flat int array, each with its
 * corpus count. A merge only shortens a word, so words are rewritten in place.
 */
final class BpeWords {
    private final int[] symbols;
    private final int[] starts;
    private final int[] lengths;
    private final long[] counts;

    /** Words from byte chunks (symbols = unsigned byte values) and their counts, in the given order. */
    BpeWords(List<byte[]> chunks, long[] counts) {
        int n = chunks.size();
        long total = 0;
        for (byte[] chunk : chunks) {
            total += chunk.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("chunks hold " + total + " bytes in all; at most 2^31 are supported");
        }
        this.symbols = new int[(int) total];
        this.starts = new int[n];
        this.lengths = new int[n];
        this.counts = counts.clone();
        int at = 0;
        for (int w = 0; w < n; w++) {
            byte[] chunk = chunks.get(w);
            starts[w] = at;
            lengths[w] = chunk.length;
            for (byte b : chunk) {
                symbols[at++] = b & 0xFF;
            }
        }
    }

    int size() {
        return counts.length;
    }

    /** The total number of symbols over all words, for sizing. */
    int symbolCount() {
        return symbols.length;
    }

    /** Adds every adjacent pair of every word, weighted by the word's count, to {@code index}. */
    void countPairs(PairIndex index) {
        for (int w = 0; w < counts.length; w++) {
            int base = starts[w];
            int end = base + lengths[w];
            for (int i = base; i + 1 < end; i++) {
                index.addOccurrence(PairIndex.key(symbols[i], symbols[i + 1]), counts[w], w);
            }
        }
    }

    /**
     * Replaces each occurrence of {@code left right} in word {@code w}, scanning left to right without overlaps, by
     * {@code merged}, and updates the counts in {@code index} of the pairs this changes: the merged pair and its
     * neighbours lose the word's count, the new neighbours of {@code merged} gain it. The left neighbour is read from
     * the already rewritten prefix, so back-to-back occurrences ({@code A B A B -> Z Z}) come out right.
     */
    void merge(int w, int left, int right, int merged, PairIndex index) {
        int base = starts[w];
        int n = lengths[w];
        long count = counts[w];
        long mergedKey = PairIndex.key(left, right);
        int out = 0;
        int i = 0;
        while (i < n) {
            int s = symbols[base + i];
            if (s == left && i + 1 < n && symbols[base + i + 1] == right) {
                if (out > 0) {
                    int before = symbols[base + out - 1];
                    index.addCount(PairIndex.key(before, left), -count);
                    index.addOccurrence(PairIndex.key(before, merged), count, w);
                }
                if (i + 2 < n) {
                    int after = symbols[base + i + 2];
                    index.addCount(PairIndex.key(right, after), -count);
                    index.addOccurrence(PairIndex.key(merged, after), count, w);
                }
                index.addCount(mergedKey, -count);
                symbols[base + out++] = merged;
                i += 2;
            } else {
                symbols[base + out++] = s;
                i++;
            }
        }
        lengths[w] = out;
    }
}
