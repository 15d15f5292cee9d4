package dev.tumbler.model.tokenizer;

import java.util.Arrays;

/**
 * The adjacent symbol pairs seen by {@link BpeTrainer}: for each pair, a slot holding its current total count and the
 * inverted index of the words it was added to. Slots are numbered in creation order and never removed; the map from
 * pair key to slot is an open-addressing hash table over primitive arrays.
 *
 * <p>A pair key packs (left id, right id) into a long as {@code left << 32 | right}; ids are non-negative, so the
 * signed order of keys is the lexicographic order of (left, right).
 */
final class PairIndex {
    private static final long EMPTY = -1L;
    private static final int[] NO_WORDS = new int[0];

    private long[] tableKeys;
    private int[] tableSlots;
    private int mask;

    private long[] slotKeys;
    private long[] slotCounts;
    private int[][] slotWords;
    private int[] slotWordCounts;
    private int size;

    PairIndex(int expectedPairs) {
        int tableSize = Integer.highestOneBit(Math.max(16, expectedPairs) * 2 - 1) << 1;
        tableKeys = new long[tableSize];
        Arrays.fill(tableKeys, EMPTY);
        tableSlots = new int[tableSize];
        mask = tableSize - 1;
        int capacity = Math.max(16, expectedPairs);
        slotKeys = new long[capacity];
        slotCounts = new long[capacity];
        slotWords = new int[capacity][];
        slotWordCounts = new int[capacity];
    }

    static long key(int left, int right) {
        return ((long) left << 32) | right;
    }

    static int left(long key) {
        return (int) (key >>> 32);
    }

    static int right(long key) {
        return (int) key;
    }

    /** The number of slots created so far; slots created later have higher numbers. */
    int size() {
        return size;
    }

    /** The slot of {@code key}, or -1 if the pair was never seen. */
    int find(long key) {
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            long k = tableKeys[i];
            if (k == key) {
                return tableSlots[i];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** Adds {@code delta} to the count of an existing pair. */
    void addCount(long key, long delta) {
        int slot = find(key);
        if (slot < 0) {
            throw new IllegalStateException("unknown pair " + left(key) + "," + right(key));
        }
        slotCounts[slot] += delta;
    }

    /** Adds {@code delta} to the count of a pair, creating it if new, and records that it occurs in {@code word}. */
    void addOccurrence(long key, long delta, int word) {
        int slot = findOrCreate(key);
        slotCounts[slot] += delta;
        int n = slotWordCounts[slot];
        int[] words = slotWords[slot];
        if (n > 0 && words[n - 1] == word) {
            return; // words are visited one at a time, so a repeat is always the last entry
        }
        if (n == words.length) {
            words = Arrays.copyOf(words, Math.max(2, n + (n >> 1)));
            slotWords[slot] = words;
        }
        words[n] = word;
        slotWordCounts[slot] = n + 1;
    }

    long key(int slot) {
        return slotKeys[slot];
    }

    long count(int slot) {
        return slotCounts[slot];
    }

    /** The words the pair was added to, in the first {@link #wordCount} entries; some may no longer hold it. */
    int[] words(int slot) {
        return slotWords[slot];
    }

    int wordCount(int slot) {
        return slotWordCounts[slot];
    }

    /** Drops the word list of a pair that will never be merged or has just been merged. */
    void releaseWords(int slot) {
        slotWords[slot] = NO_WORDS;
        slotWordCounts[slot] = 0;
    }

    private int findOrCreate(long key) {
        int i = hash(key) & mask;
        for (; ; i = (i + 1) & mask) {
            long k = tableKeys[i];
            if (k == key) {
                return tableSlots[i];
            }
            if (k == EMPTY) {
                break;
            }
        }
        int slot = size++;
        if (slot == slotKeys.length) {
            growSlots();
        }
        slotKeys[slot] = key;
        slotWords[slot] = NO_WORDS;
        tableKeys[i] = key;
        tableSlots[i] = slot;
        if (size * 2 > tableKeys.length) {
            rehash();
        }
        return slot;
    }

    private void growSlots() {
        int capacity = slotKeys.length + (slotKeys.length >> 1);
        slotKeys = Arrays.copyOf(slotKeys, capacity);
        slotCounts = Arrays.copyOf(slotCounts, capacity);
        slotWords = Arrays.copyOf(slotWords, capacity);
        slotWordCounts = Arrays.copyOf(slotWordCounts, capacity);
    }

    private void rehash() {
        int tableSize = tableKeys.length * 2;
        tableKeys = new long[tableSize];
        Arrays.fill(tableKeys, EMPTY);
        tableSlots = new int[tableSize];
        mask = tableSize - 1;
        for (int slot = 0; slot < size; slot++) {
            int i = hash(slotKeys[slot]) & mask;
            while (tableKeys[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            tableKeys[i] = slotKeys[slot];
            tableSlots[i] = slot;
        }
    }

    private static int hash(long key) {
        long h = key;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (int) (h ^ (h >>> 33));
    }
}
