package dev.tumbler.model.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A slow reference BPE trainer for tests: recounts every pair of every word before each merge, picks the highest
 * count with the same tie-break as {@link BpeTrainer} (smallest (left id, right id)), and merges left to right.
 */
final class NaiveBpeTrainer {
    private NaiveBpeTrainer() {
    }

    /** The merges and whether it stopped before {@code numMerges}. */
    record Outcome(List<byte[][]> merges, boolean stoppedEarly) {
    }

    static Outcome train(Map<ByteArrayKey, Long> chunkCounts, int numMerges, long minPairCount) {
        List<int[]> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Map.Entry<ByteArrayKey, Long> e : chunkCounts.entrySet()) {
            byte[] bytes = e.getKey().toByteArray();
            int[] word = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                word[i] = bytes[i] & 0xFF;
            }
            words.add(word);
            counts.add(e.getValue());
        }
        List<byte[]> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[] {(byte) b});
        }
        List<byte[][]> merges = new ArrayList<>();
        for (int m = 0; m < numMerges; m++) {
            Map<List<Integer>, Long> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] word = words.get(w);
                for (int i = 0; i + 1 < word.length; i++) {
                    pairCounts.merge(List.of(word[i], word[i + 1]), counts.get(w), Long::sum);
                }
            }
            List<Integer> best = null;
            long bestCount = 0;
            for (Map.Entry<List<Integer>, Long> e : pairCounts.entrySet()) {
                long c = e.getValue();
                if (best == null || c > bestCount || (c == bestCount && smaller(e.getKey(), best))) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null || bestCount < Math.max(1, minPairCount)) {
                return new Outcome(merges, true);
            }
            int left = best.get(0);
            int right = best.get(1);
            int merged = 256 + m;
            byte[] l = tokens.get(left);
            byte[] r = tokens.get(right);
            byte[] lr = new byte[l.length + r.length];
            System.arraycopy(l, 0, lr, 0, l.length);
            System.arraycopy(r, 0, lr, l.length, r.length);
            tokens.add(lr);
            merges.add(new byte[][] {l, r});
            for (int w = 0; w < words.size(); w++) {
                words.set(w, mergeWord(words.get(w), left, right, merged));
            }
        }
        return new Outcome(merges, false);
    }

    private static boolean smaller(List<Integer> a, List<Integer> b) {
        int c = Integer.compare(a.get(0), b.get(0));
        return c < 0 || (c == 0 && a.get(1) < b.get(1));
    }

    private static int[] mergeWord(int[] word, int left, int right, int merged) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < word.length; ) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                out.add(merged);
                i += 2;
            } else {
                out.add(word[i++]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
