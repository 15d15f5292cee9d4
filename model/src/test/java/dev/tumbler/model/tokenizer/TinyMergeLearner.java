package dev.tumbler.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tiny greedy pair counter for tests: repeatedly merges the most frequent adjacent pair. */
final class TinyMergeLearner {
    private TinyMergeLearner() {
    }

    static List<byte[][]> learn(String text, int count, SplitPattern pattern) {
        List<List<byte[]>> words = new ArrayList<>();
        for (String chunk : pattern.split(text)) {
            List<byte[]> parts = new ArrayList<>();
            for (byte b : chunk.getBytes(StandardCharsets.UTF_8)) {
                parts.add(new byte[] {b});
            }
            words.add(parts);
        }
        List<byte[][]> merges = new ArrayList<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        for (int b = 0; b < 256; b++) {
            known.add(key(new byte[] {(byte) b}));
        }
        while (merges.size() < count) {
            Map<String, Integer> counts = new HashMap<>();
            Map<String, byte[][]> pairs = new HashMap<>();
            String best = null;
            for (List<byte[]> w : words) {
                for (int i = 0; i + 1 < w.size(); i++) {
                    if (known.contains(key(w.get(i)) + key(w.get(i + 1)))) {
                        continue;
                    }
                    String key = key(w.get(i)) + "\u0000" + key(w.get(i + 1));
                    int c = counts.merge(key, 1, Integer::sum);
                    pairs.putIfAbsent(key, new byte[][] {w.get(i), w.get(i + 1)});
                    if (best == null || c > counts.get(best) || (c == counts.get(best) && key.compareTo(best) < 0)) {
                        best = key;
                    }
                }
            }
            if (best == null) {
                break;
            }
            byte[][] pair = pairs.get(best);
            merges.add(pair);
            byte[] joined = Arrays.copyOf(pair[0], pair[0].length + pair[1].length);
            System.arraycopy(pair[1], 0, joined, pair[0].length, pair[1].length);
            known.add(key(joined));
            for (List<byte[]> w : words) {
                for (int i = 0; i + 1 < w.size(); i++) {
                    if (Arrays.equals(w.get(i), pair[0]) && Arrays.equals(w.get(i + 1), pair[1])) {
                        w.set(i, joined);
                        w.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }

    static Tokenizer tokenizer(String text, int count, SplitPattern pattern) {
        return Tokenizer.fromMerges(learn(text, count, pattern), pattern, SpecialTokens.ALL);
    }

    private static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
