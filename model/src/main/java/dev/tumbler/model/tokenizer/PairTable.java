package dev.tumbler.model.tokenizer;

import java.util.Arrays;

/** Open-addressing map from a pair of token ids to a merge rank; absent pairs give {@link #NONE}. */
final class PairTable {
    static final int NONE = Integer.MAX_VALUE;
    private static final long EMPTY = -1L;

    private long[] keys;
    private int[] values;
    private int size;
    private int shift;

    PairTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    int get(int left, int right) {
        long key = key(left, right);
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return NONE;
            }
        }
    }

    /** Adds a pair; false if it was already present (the table is unchanged then). */
    boolean put(int left, int right, int rank) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        long key = key(left, right);
        int mask = keys.length - 1;
        int i = slot(key);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = rank;
        size++;
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put((int) (oldKeys[i] >>> 32), (int) oldKeys[i], oldValues[i]);
            }
        }
    }
}
