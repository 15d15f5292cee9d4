package dev.tumbler.sft;

import dev.tumbler.model.data.PackedTokens;
import dev.tumbler.model.data.WeightedIds;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One packed SFT row as stored in Parquet: the conversations of a row of at most {@code seq_len + 1} ids laid end to
 * end, no padding, in three binary columns of little-endian values: {@link #IDS} (int32), {@link #WEIGHTS} (float32
 * loss weights) and {@link #POSITIONS} (int32, 0 at each conversation's first id, which is how the row splits back
 * into its conversations).
 */
public final class PackedSftRow {
    public static final String IDS = "ids";
    public static final String WEIGHTS = "weights";
    public static final String POSITIONS = "positions";
    public static final List<String> COLUMNS = List.of(IDS, WEIGHTS, POSITIONS);

    private PackedSftRow() {
    }

    /** The three columns of a row of {@code conversations}, in {@link #COLUMNS} order. */
    public static byte[][] encode(List<WeightedIds> conversations) {
        int n = conversations.stream().mapToInt(WeightedIds::length).sum();
        int[] ids = new int[n];
        int[] positions = new int[n];
        ByteBuffer weights = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        for (WeightedIds c : conversations) {
            for (int i = 0; i < c.length(); i++, at++) {
                ids[at] = c.ids()[i];
                positions[at] = i;
                weights.putFloat(c.weights()[i]);
            }
        }
        return new byte[][] {PackedTokens.encode(ids), weights.array(), PackedTokens.encode(positions)};
    }

    /** The conversations of a row {@link #encode} wrote. */
    public static List<WeightedIds> decode(byte[] idBytes, byte[] weightBytes, byte[] positionBytes) {
        int[] ids = PackedTokens.decode(idBytes);
        int[] positions = PackedTokens.decode(positionBytes);
        ByteBuffer w = ByteBuffer.wrap(weightBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (positions.length != ids.length || weightBytes.length != ids.length * Float.BYTES) {
            throw new IllegalArgumentException("a packed row has " + ids.length + " ids, " + positions.length
                    + " positions and " + weightBytes.length / Float.BYTES + " weights");
        }
        List<WeightedIds> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= ids.length; i++) {
            if (i == ids.length || positions[i] == 0) {
                float[] weights = new float[i - start];
                for (int j = 0; j < weights.length; j++) {
                    weights[j] = w.getFloat((start + j) * Float.BYTES);
                }
                out.add(new WeightedIds(java.util.Arrays.copyOfRange(ids, start, i), weights));
                start = i;
            }
        }
        return out;
    }
}
