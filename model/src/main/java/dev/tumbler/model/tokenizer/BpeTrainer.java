package dev.tumbler.model.tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Learns byte-level BPE merges from the counts of pre-token chunks, on one thread.
 *
 * <p>Each chunk becomes its UTF-8 bytes; token ids 0..255 are the byte values and merge {@code i} creates token
 * {@code 256 + i}. The result lists the merges in order as {@code {leftBytes, rightBytes}}.
 *
 * <p><b>Algorithm.</b> Every distinct chunk is a word: an int sequence of token ids with its count. All adjacent
 * pairs are counted once, weighted by word count, into a pair table that also keeps, per pair, the list of words it
 * occurs in (an inverted index). The pairs sit in a max-heap ordered by count. Each step pops the best pair, merges it
 * (left to right, without overlaps) in just the words of its list, and adjusts the counts of the neighbouring pairs in
 * those words: {@code (x, A)} and {@code (B, y)} lose the word's count, {@code (x, Z)} and {@code (Z, y)} gain it.
 * Pairs are never recounted over the whole corpus. The heap uses lazy invalidation: a merge only lowers the counts of
 * pairs that already exist (every pair it adds contains the new token), so each heap entry is an upper bound of its
 * pair's count; a popped entry whose count is stale is pushed back with the current count, and the new pairs are
 * pushed after each merge. The first popped entry that is current is therefore the true best pair.
 *
 * <p><b>Tie-break.</b> Among pairs with the same count, the one with the smallest (left id, right id), compared
 * lexicographically, is merged first; so byte pairs order by byte value and older merged tokens come before newer
 * ones. Together with sorting the input chunks by their bytes, this makes the output a function of the counts alone,
 * independent of the input map's iteration order.
 *
 * <p><b>Stopping.</b> Pairs occurring fewer than {@code minPairCount} times (and never fewer than once) are not merged;
 * when no pair is left at that count before {@code numMerges} merges, training stops and the result says so.
 */
public final class BpeTrainer {
    /** The number of byte tokens, which is also the id of the first merged token. */
    public static final int BYTE_TOKENS = 256;
    /** The default {@link Options#minPairCount}: a pair seen once is not worth a token. */
    public static final long DEFAULT_MIN_PAIR_COUNT = 2;

    private BpeTrainer() {
    }

    /**
     * Training settings.
     *
     * @param numMerges    how many merges to learn at most (the vocabulary gets {@code 256 + numMerges} tokens)
     * @param minPairCount stop early when the best pair occurs fewer times than this; values below 1 mean 1
     */
    public record Options(int numMerges, long minPairCount) {
        /** Checks the values. */
        public Options {
            if (numMerges < 0 || numMerges > Integer.MAX_VALUE - BYTE_TOKENS) {
                throw new IllegalArgumentException("numMerges out of range: " + numMerges);
            }
        }

        /** {@code numMerges} merges with the default minimum pair count of {@value BpeTrainer#DEFAULT_MIN_PAIR_COUNT}. */
        public static Options of(int numMerges) {
            return new Options(numMerges, DEFAULT_MIN_PAIR_COUNT);
        }
    }

    /**
     * What training learned.
     *
     * @param merges          the merges in order; {@code merges.get(i)} is {@code {leftBytes, rightBytes}} of token
     *                        {@code 256 + i} (fresh arrays, unmodifiable list)
     * @param distinctChunks  the number of distinct non-empty byte chunks with a positive count that were trained on
     * @param totalChunkCount the sum of their counts
     * @param stoppedEarly    whether fewer than {@code numMerges} merges were learned because no pair was frequent
     *                        enough
     */
    public record Result(List<byte[][]> merges, long distinctChunks, long totalChunkCount, boolean stoppedEarly) {
    }

    /**
     * Learns merges from the counts of text chunks. Chunks with the same UTF-8 bytes are added together; empty chunks
     * and zero counts are ignored; a negative count is an error.
     */
    public static Result train(Map<String, Long> chunkCounts, Options options) {
        Map<ByteArrayKey, Long> bytes = new HashMap<>(Math.max(16, chunkCounts.size() * 4 / 3 + 1));
        for (Map.Entry<String, Long> e : chunkCounts.entrySet()) {
            String chunk = Objects.requireNonNull(e.getKey(), "null chunk");
            bytes.merge(ByteArrayKey.utf8(chunk), checkedCount(chunk, e.getValue()), Math::addExact);
        }
        return trainBytes(bytes, options);
    }

    /** Same as {@link #train} from raw byte chunks, for callers that already hold bytes. */
    public static Result trainBytes(Map<ByteArrayKey, Long> chunkCounts, Options options) {
        Objects.requireNonNull(options, "options");
        List<ByteArrayKey> keys = new ArrayList<>(chunkCounts.size());
        long total = 0;
        for (Map.Entry<ByteArrayKey, Long> e : chunkCounts.entrySet()) {
            ByteArrayKey chunk = Objects.requireNonNull(e.getKey(), "null chunk");
            long count = checkedCount(chunk, e.getValue());
            if (count > 0 && chunk.length() > 0) {
                keys.add(chunk);
                total = Math.addExact(total, count);
            }
        }
        Collections.sort(keys);
        List<byte[]> chunks = new ArrayList<>(keys.size());
        long[] counts = new long[keys.size()];
        for (int w = 0; w < keys.size(); w++) {
            chunks.add(keys.get(w).bytes());
            counts[w] = chunkCounts.get(keys.get(w));
        }
        BpeWords words = new BpeWords(chunks, counts);
        List<byte[][]> merges = new ArrayList<>(Math.min(options.numMerges(), 1 << 16));
        boolean stoppedEarly = learn(words, options, merges);
        return new Result(Collections.unmodifiableList(merges), counts.length, total, stoppedEarly);
    }

    /** Runs the merge loop, appending to {@code merges}; returns whether it stopped before {@code numMerges}. */
    private static boolean learn(BpeWords words, Options options, List<byte[][]> merges) {
        long minCount = Math.max(1, options.minPairCount());
        PairIndex pairs = new PairIndex(Math.min(1 << 20, Math.max(1 << 10, words.symbolCount())));
        words.countPairs(pairs);
        PairHeap heap = new PairHeap(pairs.size());
        pushFrom(pairs, 0, heap, minCount);
        List<byte[]> tokenBytes = new ArrayList<>();
        for (int b = 0; b < BYTE_TOKENS; b++) {
            tokenBytes.add(new byte[] {(byte) b});
        }
        for (int m = 0; m < options.numMerges(); m++) {
            int slot = popBest(pairs, heap, minCount);
            if (slot < 0) {
                return true;
            }
            long key = pairs.key(slot);
            int left = PairIndex.left(key);
            int right = PairIndex.right(key);
            int merged = BYTE_TOKENS + m;
            tokenBytes.add(concat(tokenBytes.get(left), tokenBytes.get(right)));
            merges.add(new byte[][] {tokenBytes.get(left).clone(), tokenBytes.get(right).clone()});

            int firstNew = pairs.size();
            int[] inWords = pairs.words(slot);
            int n = pairs.wordCount(slot);
            for (int i = 0; i < n; i++) {
                words.merge(inWords[i], left, right, merged, pairs);
            }
            pairs.releaseWords(slot);
            if (pairs.count(slot) != 0) {
                throw new IllegalStateException("pair count " + pairs.count(slot) + " left after merging it");
            }
            pushFrom(pairs, firstNew, heap, minCount);
        }
        return false;
    }

    /**
     * Pops heap entries until one matches its pair's current count and returns that pair's slot, or -1 when none
     * reaches {@code minCount}. Stale entries are pushed back with the current count, or dropped when it is too low.
     */
    private static int popBest(PairIndex pairs, PairHeap heap, long minCount) {
        while (!heap.isEmpty()) {
            long count = heap.topCount();
            long key = heap.topKey();
            heap.pop();
            int slot = pairs.find(key);
            long current = pairs.count(slot);
            if (current == count) {
                return slot;
            }
            if (current >= minCount) {
                heap.push(current, key);
            } else {
                pairs.releaseWords(slot); // counts only fall, so this pair can never be merged
            }
        }
        return -1;
    }

    /** Pushes the pairs in slots {@code from..} that reach {@code minCount}; drops the word lists of the others. */
    private static void pushFrom(PairIndex pairs, int from, PairHeap heap, long minCount) {
        for (int slot = from; slot < pairs.size(); slot++) {
            long count = pairs.count(slot);
            if (count >= minCount) {
                heap.push(count, pairs.key(slot));
            } else {
                pairs.releaseWords(slot);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long checkedCount(Object chunk, Long count) {
        if (count == null || count < 0) {
            throw new IllegalArgumentException("count of chunk " + chunk + " must be >= 0, was " + count);
        }
        return count;
    }
}
