package dev.tumbler.model.tokenizer;

import java.util.Arrays;

/**
 * A bounded, direct-mapped cache from short chunks to their token ids, shared by all threads without
 * locks: slots hold immutable entries, so a racing reader sees either a whole old or a whole new entry.
 */
final class ChunkCache {
    /** Longest chunk, in bytes, that is cached. */
    static final int MAX_CHUNK = 48;

    private record Entry(long hash, byte[] bytes, int[] ids) {
    }

    private final Entry[] slots;
    private final int mask;

    ChunkCache(int slotsPowerOfTwo) {
        slots = new Entry[slotsPowerOfTwo];
        mask = slotsPowerOfTwo - 1;
    }

    static long hash(byte[] b, int start, int end) {
        long h = 0xCBF29CE484222325L ^ (end - start);
        for (int i = start; i < end; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x100000001B3L;
        }
        return h ^ (h >>> 29);
    }

    /** The cached ids of {@code b[start, end)}, or null; the array must not be modified. */
    int[] get(long hash, byte[] b, int start, int end) {
        Entry e = slots[(int) hash & mask];
        if (e != null && e.hash == hash && Arrays.equals(e.bytes, 0, e.bytes.length, b, start, end)) {
            return e.ids;
        }
        return null;
    }

    void put(long hash, byte[] b, int start, int end, int[] ids) {
        slots[(int) hash & mask] = new Entry(hash, Arrays.copyOfRange(b, start, end), ids);
    }
}
