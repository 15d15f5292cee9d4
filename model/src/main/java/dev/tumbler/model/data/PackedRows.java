package dev.tumbler.model.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packed rows for supervised fine-tuning: several conversations in one row of {@code T + 1} tokens, for the packed
 * transformer graph ({@code TransformerGraph.buildPacked}), whose attention does not cross conversations.
 *
 * <p>{@link #pack} places conversations best-fit into rows; {@link #toMultiDataSet} lays rows out as a minibatch.
 * In a row the conversations follow each other from token 0 and the rest is padding: copies of the row's first id
 * (a {@code <|bos|>}) with weight 0, positions 0, 1, ... of their own. For position {@code t < T} of row {@code b},
 * all FLOAT, C order:
 * <ul>
 *   <li>features[0] {@code [mb, T]}: the token id at {@code t};</li>
 *   <li>features[1] {@code [mb, T]}: its position within its conversation (0 at the conversation's first id);</li>
 *   <li>labels[0] {@code [mb, 1, T]}: the id at {@code t + 1};</li>
 *   <li>labels mask[0] {@code [mb, T]}: that id's weight when {@code t + 1} is in the conversation of {@code t},
 *       else 0 (the last id of a conversation is not trained to predict the next conversation's first id, nor
 *       anything to predict padding).</li>
 * </ul>
 */
public final class PackedRows {
    private PackedRows() {
    }

    /**
     * Places {@code conversations} into rows of {@code seqLen + 1} tokens, best fit decreasing: longest first (ties
     * in input order), each into the row with the least free room that holds it (ties: the earliest row), or a new
     * row. Deterministic. Every conversation is placed exactly once; within a row they keep placement order. Rows
     * come in the order they were opened.
     *
     * @throws IllegalArgumentException when a conversation has more than {@code seqLen + 1} ids, naming its index
     */
    public static List<List<WeightedIds>> pack(List<WeightedIds> conversations, int seqLen) {
        Objects.requireNonNull(conversations, "conversations");
        if (seqLen < 1) {
            throw new IllegalArgumentException("seq_len must be positive, got " + seqLen);
        }
        int capacity = seqLen + 1;
        Integer[] order = new Integer[conversations.size()];
        for (int i = 0; i < order.length; i++) {
            WeightedIds c = Objects.requireNonNull(conversations.get(i), "conversation " + i + " is null");
            if (c.length() > capacity) {
                throw new IllegalArgumentException("conversation " + i + " has " + c.length()
                        + " ids; a packed row holds seq_len + 1 = " + capacity);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -conversations.get(i).length()));
        List<List<WeightedIds>> rows = new ArrayList<>();
        // Open rows keyed by (free room, row index): the ceiling of (length, 0) is the best fit, earliest on ties.
        TreeSet<Long> free = new TreeSet<>();
        for (int i : order) {
            WeightedIds c = conversations.get(i);
            Long best = free.ceiling(key(c.length(), 0));
            int row;
            int room;
            if (best == null) {
                row = rows.size();
                rows.add(new ArrayList<>());
                room = capacity;
            } else {
                free.remove(best);
                row = (int) (best & 0xffffffffL);
                room = (int) (best >>> 32);
            }
            rows.get(row).add(c);
            room -= c.length();
            if (room > 0) {
                free.add(key(room, row));
            }
        }
        return rows;
    }

    private static long key(int room, int row) {
        return ((long) room << 32) | row;
    }

    /**
     * The minibatch of {@code rows} (each a list of conversations, at most {@code seqLen + 1} ids in all, at least
     * one conversation) as described in the class Javadoc. Ids must lie in {@code [0, 2^24]}. The arrays are created
     * outside any open ND4J workspace.
     */
    public static MultiDataSet toMultiDataSet(List<List<WeightedIds>> rows, int seqLen) {
        Objects.requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to batch");
        }
        int mb = rows.size();
        float[] ids = new float[mb * seqLen];
        float[] positions = new float[mb * seqLen];
        float[] labels = new float[mb * seqLen];
        float[] weights = new float[mb * seqLen];
        int[] rowIds = new int[seqLen + 1];
        float[] rowWeights = new float[seqLen + 1];
        int[] rowPositions = new int[seqLen + 1];
        for (int b = 0; b < mb; b++) {
            layOut(rows.get(b), b, seqLen, rowIds, rowWeights, rowPositions);
            int offset = b * seqLen;
            for (int t = 0; t < seqLen; t++) {
                ids[offset + t] = FloatTokenIds.toFloat(rowIds[t], b, t);
                positions[offset + t] = rowPositions[t];
                labels[offset + t] = FloatTokenIds.toFloat(rowIds[t + 1], b, t + 1);
                // The next id continues this conversation iff its position is one more (a new one starts at 0).
                weights[offset + t] = rowPositions[t + 1] == rowPositions[t] + 1 ? rowWeights[t + 1] : 0f;
            }
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long[] shape = {mb, seqLen};
            return new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[] {Nd4j.create(ids, shape, 'c'), Nd4j.create(positions, shape, 'c')},
                    new INDArray[] {Nd4j.create(labels, new long[] {mb, 1, seqLen}, 'c')},
                    null,
                    new INDArray[] {Nd4j.create(weights, shape, 'c')});
        }
    }

    /** Row {@code b}'s ids, weights (padding 0) and positions (padding a run of its own from 0), T + 1 of each. */
    private static void layOut(List<WeightedIds> row, int b, int seqLen, int[] ids, float[] weights,
                               int[] positions) {
        Objects.requireNonNull(row, () -> "row " + b + " is null");
        if (row.isEmpty()) {
            throw new IllegalArgumentException("row " + b + " holds no conversation");
        }
        int at = 0;
        for (int c = 0; c < row.size(); c++) {
            WeightedIds conversation = Objects.requireNonNull(row.get(c), "conversation " + c + " of row " + b);
            int n = conversation.length();
            if (at + n > seqLen + 1) {
                throw new IllegalArgumentException("row " + b + " holds more than seq_len + 1 = " + (seqLen + 1)
                        + " ids");
            }
            System.arraycopy(conversation.ids(), 0, ids, at, n);
            System.arraycopy(conversation.weights(), 0, weights, at, n);
            for (int k = 0; k < n; k++) {
                positions[at + k] = k;
            }
            at += n;
        }
        int pad = ids[0];
        for (int k = 0; at + k <= seqLen; k++) {
            ids[at + k] = pad;
            weights[at + k] = 0f;
            positions[at + k] = k;
        }
    }
}
