package dev.tumbler.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A byte-level BPE tokenizer with tiktoken semantics: text is split into chunks by a
 * {@link SplitPattern}, each chunk's UTF-8 bytes are merged by rank, and special tokens are matched
 * only where the caller allows them. Immutable and thread-safe.
 */
public final class Tokenizer {
    private static final int CACHE_SLOTS = 1 << 15;

    private final SplitPattern pattern;
    private final byte[][] tokens;
    private final Merges merges;
    private final Map<String, Integer> specials;
    private final ChunkCache cache = new ChunkCache(CACHE_SLOTS);

    private Tokenizer(SplitPattern pattern, byte[][] tokens, Merges merges, Map<String, Integer> specials) {
        this.pattern = pattern;
        this.tokens = tokens;
        this.merges = merges;
        this.specials = specials;
    }

    /**
     * A tokenizer from tiktoken ranks: a token's id is its rank, and every multi-byte token must be the
     * merge of two lower-ranked tokens (true of the OpenAI encodings); all 256 single bytes must be
     * tokens. Special token ids must not collide with ranks.
     */
    public static Tokenizer fromRanks(Map<byte[], Integer> ranks, SplitPattern pattern, Map<String, Integer> specials) {
        int maxId = -1;
        for (int rank : ranks.values()) {
            maxId = Math.max(maxId, rank);
        }
        byte[][] tokens = new byte[maxId + 1][];
        int[] byteIds = new int[256];
        Arrays.fill(byteIds, -1);
        int multiByte = 0;
        for (Map.Entry<byte[], Integer> e : ranks.entrySet()) {
            int rank = e.getValue();
            byte[] bytes = e.getKey();
            if (rank < 0 || tokens[rank] != null) {
                throw new IllegalArgumentException("rank " + rank + " is negative or used twice");
            }
            if (bytes.length == 0) {
                throw new IllegalArgumentException("rank " + rank + " has an empty token");
            }
            tokens[rank] = bytes.clone();
            if (bytes.length == 1) {
                byteIds[bytes[0] & 0xFF] = rank;
            } else {
                multiByte++;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (byteIds[b] < 0) {
                throw new IllegalArgumentException("byte " + b + " is not a token");
            }
        }
        Merges merges = new Merges(byteIds, multiByte);
        IntList parts = new IntList(8);
        for (int id = 0; id < tokens.length; id++) {
            byte[] t = tokens[id];
            if (t == null || t.length == 1) {
                continue;
            }
            parts.clear();
            BytePairEncoder.encode(merges, t, 0, t.length, parts);
            if (parts.size() != 2) {
                throw new IllegalArgumentException("token with rank " + id
                        + " is not the merge of two lower-ranked tokens (BPE gives " + parts.size() + " parts)");
            }
            merges.append(parts.get(0), parts.get(1), id);
        }
        return create(pattern, tokens, merges, specials);
    }

    /**
     * A trained tokenizer: ids 0..255 are the bytes, id {@code 256 + i} joins the two tokens of merge
     * {@code i} (each already a token), and the specials follow the last merge in the given order.
     */
    public static Tokenizer fromMerges(List<byte[][]> mergeList, SplitPattern pattern, List<String> specialList) {
        int count = mergeList.size();
        byte[][] tokens = new byte[256 + count][];
        Map<String, Integer> byBytes = new HashMap<>(2 * tokens.length);
        int[] byteIds = new int[256];
        for (int b = 0; b < 256; b++) {
            tokens[b] = new byte[] {(byte) b};
            byteIds[b] = b;
            byBytes.put(key(tokens[b]), b);
        }
        Merges merges = new Merges(byteIds, count);
        for (int i = 0; i < count; i++) {
            byte[][] pair = mergeList.get(i);
            Integer left = byBytes.get(key(pair[0]));
            Integer right = byBytes.get(key(pair[1]));
            if (left == null || right == null) {
                throw new IllegalArgumentException("merge " + i + " joins a byte sequence that is not yet a token");
            }
            byte[] joined = concat(pair[0], pair[1]);
            int id = 256 + i;
            if (byBytes.putIfAbsent(key(joined), id) != null) {
                throw new IllegalArgumentException("merge " + i + " repeats the token " + byBytes.get(key(joined)));
            }
            tokens[id] = joined;
            merges.append(left, right, id);
        }
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (String s : specialList) {
            if (specials.putIfAbsent(s, 256 + count + specials.size()) != null) {
                throw new IllegalArgumentException("special token listed twice: " + s);
            }
        }
        return create(pattern, tokens, merges, specials);
    }

    /** Common construction: places the specials after the ordinary tokens and checks their ids. */
    static Tokenizer create(SplitPattern pattern, byte[][] ordinary, Merges merges, Map<String, Integer> specials) {
        int size = ordinary.length;
        for (int id : specials.values()) {
            size = Math.max(size, id + 1);
        }
        byte[][] tokens = Arrays.copyOf(ordinary, size);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(specials.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : sorted) {
            int id = e.getValue();
            if (e.getKey().isEmpty() || id < 0 || tokens[id] != null) {
                throw new IllegalArgumentException("special token " + e.getKey() + " has a bad or taken id " + id);
            }
            tokens[id] = e.getKey().getBytes(StandardCharsets.UTF_8);
            ordered.put(e.getKey(), id);
        }
        return new Tokenizer(pattern, tokens, merges, Collections.unmodifiableMap(ordered));
    }

    private static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Encodes ordinary text: special token strings in it are encoded as plain bytes. */
    public int[] encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        IntList out = new IntList(utf8.length / 3 + 4);
        encodeOrdinary(utf8, out);
        return out.toArray();
    }

    /**
     * Encodes text in which occurrences of the allowed special tokens become their ids (the leftmost,
     * then longest, match first); the text between them is ordinary.
     */
    public int[] encode(String text, Set<String> allowedSpecial) {
        if (allowedSpecial.isEmpty()) {
            return encode(text);
        }
        List<String> allowed = new ArrayList<>(allowedSpecial);
        for (String s : allowed) {
            if (!specials.containsKey(s)) {
                throw new IllegalArgumentException("not a special token of this tokenizer: " + s);
            }
        }
        int[] nextAt = new int[allowed.size()];
        for (int k = 0; k < nextAt.length; k++) {
            nextAt[k] = text.indexOf(allowed.get(k));
        }
        IntList out = new IntList(text.length() / 3 + 4);
        int pos = 0;
        while (true) {
            int best = -1;
            for (int k = 0; k < nextAt.length; k++) {
                if (nextAt[k] >= 0 && nextAt[k] < pos) {
                    nextAt[k] = text.indexOf(allowed.get(k), pos);
                }
                if (nextAt[k] >= 0 && (best < 0 || nextAt[k] < nextAt[best]
                        || (nextAt[k] == nextAt[best] && allowed.get(k).length() > allowed.get(best).length()))) {
                    best = k;
                }
            }
            int end = best < 0 ? text.length() : nextAt[best];
            if (end > pos) {
                encodeOrdinary(text.substring(pos, end).getBytes(StandardCharsets.UTF_8), out);
            }
            if (best < 0) {
                return out.toArray();
            }
            out.add(specials.get(allowed.get(best)));
            pos = end + allowed.get(best).length();
        }
    }

    private void encodeOrdinary(byte[] utf8, IntList out) {
        pattern.split(utf8, 0, utf8.length, (start, end) -> encodeChunk(utf8, start, end, out));
    }

    private void encodeChunk(byte[] b, int start, int end, IntList out) {
        int n = end - start;
        if (n == 1) {
            out.add(merges.byteId(b[start] & 0xFF));
        } else if (n <= ChunkCache.MAX_CHUNK) {
            long hash = ChunkCache.hash(b, start, end);
            int[] cached = cache.get(hash, b, start, end);
            if (cached != null) {
                out.addAll(cached);
            } else {
                int before = out.size();
                BytePairEncoder.encode(merges, b, start, end, out);
                cache.put(hash, b, start, end, out.tail(before));
            }
        } else {
            BytePairEncoder.encode(merges, b, start, end, out);
        }
    }

    /** The bytes of a sequence of token ids (specials give their text). */
    public byte[] decodeBytes(int[] ids) {
        int length = 0;
        for (int id : ids) {
            length += bytesOf(id).length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (int id : ids) {
            byte[] t = tokens[id];
            System.arraycopy(t, 0, out, pos, t.length);
            pos += t.length;
        }
        return out;
    }

    /** The text of a sequence of token ids; invalid UTF-8 becomes U+FFFD. */
    public String decode(int[] ids) {
        return new String(decodeBytes(ids), StandardCharsets.UTF_8);
    }

    private byte[] bytesOf(int id) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new IllegalArgumentException("unknown token id " + id);
        }
        return tokens[id];
    }

    /** A copy of a token's bytes. */
    public byte[] tokenBytes(int id) {
        return bytesOf(id).clone();
    }

    /** One more than the largest id (ordinary or special). */
    public int vocabSize() {
        return tokens.length;
    }

    /** Special tokens and their ids, in id order. */
    public Map<String, Integer> specialTokens() {
        return specials;
    }

    /** The id of a special token. */
    public int idOf(String special) {
        Integer id = specials.get(special);
        if (id == null) {
            throw new IllegalArgumentException("not a special token of this tokenizer: " + special);
        }
        return id;
    }

    public SplitPattern pattern() {
        return pattern;
    }

    /** Whether {@code id} is an ordinary (non-special) token. */
    boolean isOrdinary(int id) {
        return id >= 0 && id < tokens.length && tokens[id] != null && !specials.containsValue(id);
    }

    Merges merges() {
        return merges;
    }
}
