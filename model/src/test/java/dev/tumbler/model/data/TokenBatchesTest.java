package dev.tumbler.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class TokenBatchesTest {
    private static final int T = 7;

    @Test
    void batchesHoldInputsAndNextTokensOfEachWindow() {
        List<TokenWindow> windows = RandomWindows.windows(11, 10, T, 1000, false);
        List<MultiDataSet> batches = drain(new TokenBatches(windows.iterator(), new BatchConfig(T, 4, false, false)));

        assertEquals(3, batches.size());
        int w = 0;
        for (MultiDataSet batch : batches) {
            INDArray features = batch.getFeatures(0); // [mb, T]
            INDArray labels = batch.getLabels(0);     // [mb, 1, T]
            long mb = features.size(0);
            assertArrayEquals(new long[] {mb, T}, features.shape());
            assertArrayEquals(new long[] {mb, 1, T}, labels.shape());
            assertEquals(DataType.FLOAT, features.dataType());
            assertEquals(DataType.FLOAT, labels.dataType());
            assertEquals('c', features.ordering());
            assertEquals(1, batch.getFeatures().length);
            assertEquals(1, batch.getLabels().length);
            assertNull(batch.getFeaturesMaskArrays());
            assertNull(batch.getLabelsMaskArrays());
            for (int i = 0; i < mb; i++, w++) {
                int[] tokens = windows.get(w).tokens();
                for (int t = 0; t < T; t++) {
                    assertEquals(tokens[t], features.getFloat(i, t), "features of window " + w + " at " + t);
                    assertEquals(tokens[t + 1], labels.getFloat(i, 0, t), "label of window " + w + " at " + t);
                }
            }
        }
        assertEquals(10, w);
    }

    @Test
    void lastPartialBatchIsEmittedSmallerWithoutDropLast() {
        TokenBatches batches = new TokenBatches(
                RandomWindows.windows(3, 11, T, 50, false).iterator(), new BatchConfig(T, 4, false, false));
        List<MultiDataSet> all = drain(batches);
        assertEquals(List.of(4L, 4L, 3L), all.stream().map(b -> b.getFeatures(0).size(0)).toList());
        assertArrayEquals(new long[] {3, T}, all.get(2).getFeatures(0).shape());
        assertArrayEquals(new long[] {3, 1, T}, all.get(2).getLabels(0).shape());
        assertEquals(0, batches.droppedWindows());
    }

    @Test
    void dropLastDropsAndCountsThePartialBatch() {
        TokenBatches batches = new TokenBatches(
                RandomWindows.windows(3, 11, T, 50, false).iterator(), new BatchConfig(T, 4, false, true));
        List<MultiDataSet> all = drain(batches);
        assertEquals(2, all.size());
        assertEquals(3, batches.droppedWindows());
        assertFalse(batches.hasNext());
        assertEquals(3, batches.droppedWindows(), "asking again must not count the drop twice");
    }

    @Test
    void dropLastKeepsAnExactMultiple() {
        TokenBatches batches = new TokenBatches(
                RandomWindows.windows(3, 8, T, 50, false).iterator(), new BatchConfig(T, 4, false, true));
        assertEquals(2, drain(batches).size());
        assertEquals(0, batches.droppedWindows());
    }

    @Test
    void masksAreCarriedAndDefaultToOnes() {
        List<TokenWindow> windows = new ArrayList<>(RandomWindows.windows(5, 3, T, 100, true));
        windows.add(1, TokenWindow.of(RandomWindows.windows(6, 1, T, 100, false).get(0).tokens()));
        List<MultiDataSet> all = drain(new TokenBatches(windows.iterator(), new BatchConfig(T, 3, true, false)));

        assertEquals(2, all.size());
        int w = 0;
        for (MultiDataSet batch : all) {
            assertNull(batch.getFeaturesMaskArrays());
            INDArray mask = batch.getLabelsMaskArray(0); // [mb, T]
            long mb = batch.getFeatures(0).size(0);
            assertArrayEquals(new long[] {mb, T}, mask.shape());
            assertEquals(DataType.FLOAT, mask.dataType());
            for (int i = 0; i < mb; i++, w++) {
                float[] expected = windows.get(w).lossMask();
                for (int t = 0; t < T; t++) {
                    assertEquals(expected == null ? 1f : expected[t], mask.getFloat(i, t), "mask of window " + w);
                }
            }
        }
    }

    @Test
    void wrongWindowLengthNamesExpectedAndActual() {
        List<TokenWindow> windows = new ArrayList<>(RandomWindows.windows(1, 2, T, 10, false));
        windows.add(TokenWindow.of(new int[T]));
        TokenBatches batches = new TokenBatches(windows.iterator(), new BatchConfig(T, 8, false, false));
        var e = assertThrows(IllegalArgumentException.class, batches::hasNext);
        assertTrue(e.getMessage().contains("window 2 has " + T + " tokens"), e.getMessage());
        assertTrue(e.getMessage().contains("expected seqLen + 1 = " + (T + 1)), e.getMessage());
    }

    @Test
    void idsOutsideTheExactFloatRangeAreRejected() {
        int[] tokens = new int[T + 1];
        tokens[0] = FloatTokenIds.MAX_EXACT_ID;          // 2^24: still exact
        tokens[1] = FloatTokenIds.MAX_EXACT_ID - 1;
        MultiDataSet batch = new TokenBatches(List.of(TokenWindow.of(tokens)).iterator(),
                new BatchConfig(T, 1, false, false)).next();
        assertEquals(16_777_216f, batch.getFeatures(0).getFloat(0, 0));
        assertEquals(16_777_215f, batch.getFeatures(0).getFloat(0, 1));
        assertEquals(16_777_215f, batch.getLabels(0).getFloat(0, 0, 0));

        int[] tooLarge = new int[T + 1];
        tooLarge[3] = FloatTokenIds.MAX_EXACT_ID + 1;    // would round to 2^24
        var e = assertThrows(IllegalArgumentException.class, () -> new TokenBatches(
                List.of(TokenWindow.of(tooLarge)).iterator(), new BatchConfig(T, 1, false, false)).next());
        assertTrue(e.getMessage().contains("16777217 at position 3 of window 0"), e.getMessage());

        int[] negative = new int[T + 1];
        negative[T] = -1;
        e = assertThrows(IllegalArgumentException.class, () -> new TokenBatches(
                List.of(TokenWindow.of(negative)).iterator(), new BatchConfig(T, 1, false, false)).next());
        assertTrue(e.getMessage().contains("-1 at position " + T + " of window 0 is negative"), e.getMessage());
    }

    @Test
    void aMaskWithoutWithMasksIsAnErrorNotSilentlyIgnored() {
        TokenBatches batches = new TokenBatches(RandomWindows.windows(2, 1, T, 10, true).iterator(),
                new BatchConfig(T, 1, false, false));
        var e = assertThrows(IllegalArgumentException.class, batches::next);
        assertTrue(e.getMessage().contains("withMasks = false"), e.getMessage());
    }

    @Test
    void earlierBatchesSurviveTheReuseOfStagingBuffers() {
        List<TokenWindow> windows = RandomWindows.windows(9, 4, T, 300, true);
        TokenBatches batches = new TokenBatches(windows.iterator(), new BatchConfig(T, 2, true, false));
        MultiDataSet first = batches.next();
        float[] featuresBefore = first.getFeatures(0).dup().data().asFloat();
        float[] maskBefore = first.getLabelsMaskArray(0).dup().data().asFloat();
        batches.next();
        assertArrayEquals(featuresBefore, first.getFeatures(0).data().asFloat());
        assertArrayEquals(maskBefore, first.getLabelsMaskArray(0).data().asFloat());
        assertEquals(windows.get(0).tokens()[0], first.getFeatures(0).getFloat(0, 0));
    }

    @Test
    void readsLazilyAndEndsWithNoSuchElement() {
        int[] reads = {0};
        Iterator<TokenWindow> source = RandomWindows.windows(4, 5, T, 10, false).stream()
                .peek(w -> reads[0]++).iterator();
        TokenBatches batches = new TokenBatches(source, new BatchConfig(T, 2, false, false));
        assertEquals(0, reads[0]);
        assertTrue(batches.hasNext());
        assertTrue(batches.hasNext());
        assertEquals(2, reads[0]);
        drain(batches);
        assertEquals(5, reads[0]);
        assertThrows(NoSuchElementException.class, batches::next);
    }

    @Test
    void emptySourceGivesNoBatches() {
        TokenBatches batches = new TokenBatches(List.<TokenWindow>of().iterator(), new BatchConfig(T, 2, true, true));
        assertFalse(batches.hasNext());
        assertEquals(0, batches.droppedWindows());
    }

    @Test
    void configRejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new BatchConfig(0, 4, false, false));
        assertThrows(IllegalArgumentException.class, () -> new BatchConfig(4, 0, false, false));
        assertThrows(IllegalArgumentException.class, () -> new BatchConfig(1 << 16, 1 << 16, false, false));
        assertEquals(9, new BatchConfig(8, 1, false, false).windowTokens());
    }

    private static List<MultiDataSet> drain(Iterator<MultiDataSet> batches) {
        List<MultiDataSet> all = new ArrayList<>();
        batches.forEachRemaining(all::add);
        return all;
    }
}
