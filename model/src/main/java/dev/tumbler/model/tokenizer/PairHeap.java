package dev.tumbler.model.tokenizer;

import java.util.Arrays;

/**
 * A binary max-heap of (count, pair key) entries in primitive arrays, for {@link BpeTrainer}. The top is the entry
 * with the highest count; among equal counts, the smallest pair key, i.e. the smallest (left id, right id). Entries
 * are not updated in place: the trainer checks a popped entry against the pair's current count (lazy invalidation).
 */
final class PairHeap {
    private long[] counts;
    private long[] keys;
    private int size;

    PairHeap(int initialCapacity) {
        int capacity = Math.max(16, initialCapacity);
        counts = new long[capacity];
        keys = new long[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    long topCount() {
        return counts[0];
    }

    long topKey() {
        return keys[0];
    }

    void push(long count, long key) {
        if (size == counts.length) {
            int capacity = counts.length + (counts.length >> 1);
            counts = Arrays.copyOf(counts, capacity);
            keys = Arrays.copyOf(keys, capacity);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(count, key, counts[parent], keys[parent])) {
                break;
            }
            counts[i] = counts[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        counts[i] = count;
        keys[i] = key;
    }

    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        long count = counts[size];
        long key = keys[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(counts[right], keys[right], counts[child], keys[child])) {
                child = right;
            }
            if (!before(counts[child], keys[child], count, key)) {
                break;
            }
            counts[i] = counts[child];
            keys[i] = keys[child];
            i = child;
        }
        counts[i] = count;
        keys[i] = key;
    }

    /** Whether entry a comes out before entry b: higher count first, then smaller key. */
    private static boolean before(long countA, long keyA, long countB, long keyB) {
        return countA > countB || (countA == countB && keyA < keyB);
    }
}
