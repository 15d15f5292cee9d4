package dev.tumbler.model.tokenizer;

import java.util.Arrays;

/**
 * A BPE model: the token id of each single byte, and the merges in rank order (merge {@code r} joins
 * tokens {@code left(r)} and {@code right(r)} into token {@code result(r)}; lower ranks merge first).
 * Built by appending merges in rank order, then only read (a {@link Tokenizer} publishes it through a
 * final field).
 */
final class Merges {
    private final int[] byteIds;
    private int[] left;
    private int[] right;
    private int[] result;
    private int size;
    private final PairTable pairs;

    Merges(int[] byteIds, int expectedMerges) {
        if (byteIds.length != 256) {
            throw new IllegalArgumentException("need the ids of all 256 bytes");
        }
        this.byteIds = byteIds.clone();
        int capacity = Math.max(16, expectedMerges);
        this.left = new int[capacity];
        this.right = new int[capacity];
        this.result = new int[capacity];
        this.pairs = new PairTable(capacity);
    }

    /** Appends the merge with the next rank. */
    void append(int leftId, int rightId, int resultId) {
        if (!pairs.put(leftId, rightId, size)) {
            throw new IllegalArgumentException("duplicate merge of tokens " + leftId + " and " + rightId);
        }
        if (size == left.length) {
            left = Arrays.copyOf(left, size * 2);
            right = Arrays.copyOf(right, size * 2);
            result = Arrays.copyOf(result, size * 2);
        }
        left[size] = leftId;
        right[size] = rightId;
        result[size] = resultId;
        size++;
    }

    int size() {
        return size;
    }

    int byteId(int unsignedByte) {
        return byteIds[unsignedByte];
    }

    int left(int rank) {
        return left[rank];
    }

    int right(int rank) {
        return right[rank];
    }

    int result(int rank) {
        return result[rank];
    }

    /** Rank of merging {@code leftId} with {@code rightId}, or {@link PairTable#NONE}. */
    int rank(int leftId, int rightId) {
        return pairs.get(leftId, rightId);
    }
}
