package dev.tumbler.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tumbler.model.data.PackedRows;
import dev.tumbler.model.data.WeightedIds;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Packed SFT rows survive their Parquet encoding, and their minibatches are those of {@link PackedRows}. */
class PackedSftRowTest {
    private static final int SEQ_LEN = 8;
    private static final List<WeightedIds> ROW_A = List.of(
            new WeightedIds(new int[] {1, 5, 6, 7}, new float[] {0, 0, 1, 1}),
            new WeightedIds(new int[] {1, 9, 3}, new float[] {0, 0.5f, 1}));
    private static final List<WeightedIds> ROW_B = List.of(
            new WeightedIds(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new float[] {0, 0, 0, 1, 1, 1, 1, 1, 1}));

    @Test
    void decodesWhatItEncoded() {
        for (List<WeightedIds> row : List.of(ROW_A, ROW_B)) {
            byte[][] columns = PackedSftRow.encode(row);
            List<WeightedIds> back = PackedSftRow.decode(columns[0], columns[1], columns[2]);
            assertEquals(row.size(), back.size());
            for (int i = 0; i < row.size(); i++) {
                assertArrayEquals(row.get(i).ids(), back.get(i).ids());
                assertArrayEquals(row.get(i).weights(), back.get(i).weights());
            }
        }
    }

    @Test
    void batchesAreThoseOfPackedRowsWithTheLastOneShort() {
        List<List<WeightedIds>> rows = List.of(ROW_A, ROW_B, ROW_A);
        Iterator<MultiDataSet> batches = PackedRowBatches.of(rows.iterator(), 2, SEQ_LEN, r -> {
            byte[][] c = PackedSftRow.encode(r);
            return PackedSftRow.decode(c[0], c[1], c[2]);
        });
        MultiDataSet first = batches.next();
        MultiDataSet expected = PackedRows.toMultiDataSet(rows.subList(0, 2), SEQ_LEN);
        assertEquals(expected.getFeatures(0), first.getFeatures(0));
        assertEquals(expected.getFeatures(1), first.getFeatures(1));
        assertEquals(expected.getLabels(0), first.getLabels(0));
        assertEquals(expected.getLabelsMaskArray(0), first.getLabelsMaskArray(0));
        assertEquals(1, batches.next().getFeatures(0).size(0));
        assertFalse(batches.hasNext());
    }

    @Test
    void refusesColumnsOfDifferentLengths() {
        byte[][] a = PackedSftRow.encode(ROW_A);
        byte[][] b = PackedSftRow.encode(ROW_B);
        assertThrows(IllegalArgumentException.class, () -> PackedSftRow.decode(a[0], b[1], a[2]));
    }
}
