package dev.tumbler.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random chunk-count corpora and merge formatting shared by the BPE trainer tests. */
final class BpeTestCorpora {
    /** Units words are built from: ASCII, repeated letters, and 2-, 3- and 4-byte UTF-8 characters. */
    private static final String[] UNITS = {"a", "a", "a", "b", "b", "c", "d", " ", "é", "ß", "€", "😀", "aa", "ab"};

    private BpeTestCorpora() {
    }

    /** Up to {@code distinct} random words of 1..{@code maxUnits} units, with counts in 1..{@code maxCount}. */
    static Map<String, Long> randomWords(long seed, int distinct, int maxUnits, int maxCount) {
        Random random = new Random(seed);
        Map<String, Long> counts = new HashMap<>();
        for (int w = 0; w < distinct; w++) {
            StringBuilder sb = new StringBuilder();
            int units = 1 + random.nextInt(maxUnits);
            for (int u = 0; u < units; u++) {
                sb.append(UNITS[random.nextInt(UNITS.length)]);
            }
            counts.put(sb.toString(), 1L + random.nextInt(maxCount));
        }
        return counts;
    }

    /** Up to {@code distinct} random byte chunks over a few byte values, including 0x00 and 0xFF. */
    static Map<ByteArrayKey, Long> randomBytes(long seed, int distinct) {
        byte[] alphabet = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
        Random random = new Random(seed);
        Map<ByteArrayKey, Long> counts = new HashMap<>();
        for (int w = 0; w < distinct; w++) {
            byte[] chunk = new byte[1 + random.nextInt(9)];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = alphabet[random.nextInt(alphabet.length)];
            }
            counts.put(new ByteArrayKey(chunk), 1L + random.nextInt(30));
        }
        return counts;
    }

    /** The UTF-8 byte form of text chunk counts, added together like {@link BpeTrainer#train} does. */
    static Map<ByteArrayKey, Long> utf8(Map<String, Long> counts) {
        Map<ByteArrayKey, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.merge(ByteArrayKey.utf8(k), v, Long::sum));
        return out;
    }

    /** The same entries inserted in a shuffled order. */
    static <K> Map<K, Long> shuffled(Map<K, Long> counts, long seed) {
        List<K> keys = new ArrayList<>(counts.keySet());
        Collections.shuffle(keys, new Random(seed));
        Map<K, Long> out = new LinkedHashMap<>();
        for (K k : keys) {
            out.put(k, counts.get(k));
        }
        return out;
    }

    /** Merges as "left-hex+right-hex" strings, for comparing lists. */
    static List<String> hex(List<byte[][]> merges) {
        HexFormat hex = HexFormat.of();
        List<String> out = new ArrayList<>();
        for (byte[][] m : merges) {
            out.add(hex.formatHex(m[0]) + "+" + hex.formatHex(m[1]));
        }
        return out;
    }

    /** Merges as "left+right" strings, for ASCII corpora. */
    static List<String> text(List<byte[][]> merges) {
        List<String> out = new ArrayList<>();
        for (byte[][] m : merges) {
            out.add(new String(m[0], StandardCharsets.UTF_8) + "+" + new String(m[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
