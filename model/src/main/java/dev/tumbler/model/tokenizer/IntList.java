package dev.tumbler.model.tokenizer;

import java.util.Arrays;

/** A growable list of ints (the tokenizer's buffers and the generator's token sequences). */
public final class IntList {
    private int[] data;
    private int size;

    public IntList(int capacity) {
        data = new int[Math.max(4, capacity)];
    }

    public void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = value;
    }

    public void addAll(int[] values) {
        if (size + values.length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + values.length));
        }
        System.arraycopy(values, 0, data, size, values.length);
        size += values.length;
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public int get(int index) {
        return data[index];
    }

    /** A copy of the elements from {@code from} to the end. */
    public int[] tail(int from) {
        return Arrays.copyOfRange(data, from, size);
    }

    public int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
