package dev.tumbler.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Best-fit packing of conversations into rows of T + 1 tokens, and the packed minibatch's arrays. */
class PackedRowsTest {
    private static final int BOS = 1;

    @Test
    void placesEachConversationBestFitDecreasing() {
        // T + 1 = 10; longest first: 7 opens row 0 (room 3); 6 does not fit there and opens row 1 (room 4); 4 fills
        // row 1; the first 3 fills row 0; the second 3 opens row 2 (room 7), where the 2 goes too.
        List<WeightedIds> in = List.of(conv(3, 0), conv(7, 1), conv(2, 2), conv(6, 3), conv(4, 4), conv(3, 5));
        List<List<WeightedIds>> rows = PackedRows.pack(in, 9);
        assertEquals(3, rows.size());
        assertEquals(List.of(in.get(1), in.get(0)), rows.get(0));
        assertEquals(List.of(in.get(3), in.get(4)), rows.get(1));
        assertEquals(List.of(in.get(5), in.get(2)), rows.get(2));
        assertEquals(rows, PackedRows.pack(in, 9), "deterministic");
    }

    @Test
    void picksTheRowWithTheLeastRoomThatFits() {
        // T + 1 = 10: 6 (room 4), 5 (room 5), then 4 goes to the row with room 4, not 5.
        List<WeightedIds> in = List.of(conv(6, 0), conv(5, 1), conv(4, 2));
        List<List<WeightedIds>> rows = PackedRows.pack(in, 9);
        assertEquals(List.of(List.of(in.get(0), in.get(2)), List.of(in.get(1))), rows);
    }

    @Test
    void everyConversationIsPlacedOnceAndRowsFit() {
        Random r = new Random(3);
        List<WeightedIds> in = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            in.add(conv(1 + r.nextInt(17), i));
        }
        List<List<WeightedIds>> rows = PackedRows.pack(in, 16);
        Map<WeightedIds, Integer> seen = new IdentityHashMap<>();
        int total = 0;
        for (List<WeightedIds> row : rows) {
            int length = 0;
            for (WeightedIds c : row) {
                seen.merge(c, 1, Integer::sum);
                length += c.length();
            }
            assertTrue(length <= 17, "row of " + length);
            total += length;
        }
        assertEquals(in.size(), seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1));
        assertTrue(rows.size() <= Math.ceil(total / 17.0) + 2, rows.size() + " rows for " + total + " tokens");
    }

    @Test
    void refusesAConversationLongerThanARow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackedRows.pack(List.of(conv(3, 0), conv(11, 1)), 9));
        assertTrue(e.getMessage().contains("conversation 1"), e.getMessage());
    }

    @Test
    void laysOutIdsPositionsLabelsAndWeightsWithZeroWeightAtBoundariesAndPadding() {
        WeightedIds a = new WeightedIds(new int[] {BOS, 5, 6}, new float[] {0, 1, 1});
        WeightedIds b = new WeightedIds(new int[] {BOS, 7, 8, 9}, new float[] {0, 0, 1, 1});
        MultiDataSet data = PackedRows.toMultiDataSet(List.of(List.of(a, b)), 9);   // 7 ids, then 3 of padding
        assertEquals(2, data.getFeatures().length);
        assertArrayEquals(new long[] {1, 9}, data.getFeatures(0).shape());
        assertArrayEquals(new long[] {1, 1, 9}, data.getLabels(0).shape());
        assertArrayEquals(new long[] {1, 9}, data.getLabelsMaskArray(0).shape());
        assertArrayEquals(new float[] {BOS, 5, 6, BOS, 7, 8, 9, BOS, BOS},
                data.getFeatures(0).ravel().toFloatVector());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 0, 1}, data.getFeatures(1).ravel().toFloatVector());
        assertArrayEquals(new float[] {5, 6, BOS, 7, 8, 9, BOS, BOS, BOS}, data.getLabels(0).ravel().toFloatVector());
        // 6 -> BOS of b and 9 -> padding carry no weight; b's own weights (0 for 7, 1 for 8 and 9) stay.
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 0, 0, 0}, data.getLabelsMaskArray(0).ravel().toFloatVector());
    }

    @Test
    void aFullRowUsesItsLastIdAsTheLastLabel() {
        WeightedIds a = new WeightedIds(new int[] {BOS, 2, 3}, new float[] {0, 1, 1});
        WeightedIds b = new WeightedIds(new int[] {BOS, 4}, new float[] {0, 1});
        MultiDataSet data = PackedRows.toMultiDataSet(List.of(List.of(a, b), List.of(b)), 4);
        assertArrayEquals(new float[] {BOS, 2, 3, BOS, BOS, 4, BOS, BOS}, data.getFeatures(0).ravel().toFloatVector());
        assertArrayEquals(new float[] {0, 1, 2, 0, 0, 1, 0, 1}, data.getFeatures(1).ravel().toFloatVector());
        assertArrayEquals(new float[] {2, 3, BOS, 4, 4, BOS, BOS, BOS}, data.getLabels(0).ravel().toFloatVector());
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0, 0, 0}, data.getLabelsMaskArray(0).ravel().toFloatVector());
        assertThrows(IllegalArgumentException.class,
                () -> PackedRows.toMultiDataSet(List.of(List.of(a, b, b)), 4));
        assertThrows(IllegalArgumentException.class, () -> PackedRows.toMultiDataSet(List.of(List.of()), 4));
    }

    @Test
    void packedRowsBatchAsLaidOut() {
        List<WeightedIds> in = List.of(conv(4, 0), conv(3, 1), conv(2, 2));
        List<List<WeightedIds>> rows = PackedRows.pack(in, 8);                     // all three fit one row of 9
        assertEquals(1, rows.size());
        assertSame(in.get(0), rows.get(0).get(0));
        MultiDataSet data = PackedRows.toMultiDataSet(rows, 8);
        assertArrayEquals(new float[] {0, 1, 2, 3, 0, 1, 2, 0}, data.getFeatures(1).ravel().toFloatVector());
    }

    /** A conversation of {@code length} ids, BOS first, ids from {@code seed}, weights 1 after the BOS. */
    private static WeightedIds conv(int length, long seed) {
        Random r = new Random(seed);
        int[] ids = new int[length];
        float[] weights = new float[length];
        ids[0] = BOS;
        for (int k = 1; k < length; k++) {
            ids[k] = 2 + r.nextInt(20);
            weights[k] = 1f;
        }
        return new WeightedIds(ids, weights);
    }
}
