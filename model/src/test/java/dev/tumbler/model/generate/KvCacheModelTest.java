package dev.tumbler.model.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The KV-cache path gives the DL4J graph's logits (within 1e-4) at every position, however tokens arrive. */
class KvCacheModelTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @CsvSource({"LEARNED, true", "LEARNED, false", "ROTARY, true", "ROTARY, false"})
    void oneTokenAtATimeMatchesTheFullForwardPassAtEveryPosition(PositionEncoding positions, boolean bias) {
        TransformerConfig c = ReferenceLogits.config(positions, bias);
        ComputationGraph graph = ReferenceLogits.randomGraph(c, 3L, 0.3);
        int[] ids = ReferenceLogits.randomIds(c, c.seqLen(), 7L);
        float[][] expected = ReferenceLogits.logits(graph, c, ids);
        KvCacheModel kv = new KvCacheModel(TransformerWeights.from(graph, c), 1);
        for (int t = 0; t < c.seqLen(); t++) {
            float[] got = kv.append(new int[] {0}, new int[] {ids[t]})[0];
            assertTrue(ReferenceLogits.spread(expected[t]) > 0.5, "logits are not nearly uniform");
            assertEquals(0.0, ReferenceLogits.maxAbsDiff(expected[t], got), TOLERANCE, "position " + t);
        }
        assertEquals(c.seqLen(), kv.length(0));
        assertThrows(IllegalStateException.class, () -> kv.append(new int[] {0}, new int[] {1}));
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void prefillAndBatchedRowsAtDifferentLengthsMatch(PositionEncoding positions) {
        TransformerConfig c = ReferenceLogits.config(positions);
        ComputationGraph graph = ReferenceLogits.randomGraph(c, 5L, 0.3);
        KvCacheModel kv = new KvCacheModel(TransformerWeights.from(graph, c), 3);
        int[] a = ReferenceLogits.randomIds(c, c.seqLen(), 11L);
        int[] b = ReferenceLogits.randomIds(c, c.seqLen(), 12L);
        float[][] refA = ReferenceLogits.logits(graph, c, a);
        float[][] refB = ReferenceLogits.logits(graph, c, b);
        float[] lastA = kv.prefill(0, java.util.Arrays.copyOf(a, 5));
        assertEquals(0.0, ReferenceLogits.maxAbsDiff(refA[4], lastA), TOLERANCE, "prefill of 5");
        kv.copyRow(0, 2);                                 // row 2 continues with b's tokens after a's prefix
        int[] prefixAThenB = new int[c.seqLen()];
        System.arraycopy(a, 0, prefixAThenB, 0, 5);
        System.arraycopy(b, 5, prefixAThenB, 5, c.seqLen() - 5);
        float[][] refMixed = ReferenceLogits.logits(graph, c, prefixAThenB);
        kv.prefill(1, java.util.Arrays.copyOf(b, 2));
        for (int step = 0; step + 5 < c.seqLen(); step++) {
            int ta = 5 + step;
            int tb = 2 + step;
            boolean bFits = tb < c.seqLen();
            int[] rowsOf = bFits ? new int[] {0, 1, 2} : new int[] {0, 2};
            int[] tokens = bFits ? new int[] {a[ta], b[tb], b[ta]} : new int[] {a[ta], b[ta]};
            float[][] got = kv.append(rowsOf, tokens);
            assertEquals(0.0, ReferenceLogits.maxAbsDiff(refA[ta], got[0]), TOLERANCE, "row 0 at " + ta);
            if (bFits) {
                assertEquals(0.0, ReferenceLogits.maxAbsDiff(refB[tb], got[1]), TOLERANCE, "row 1 at " + tb);
            }
            assertEquals(0.0, ReferenceLogits.maxAbsDiff(refMixed[ta], got[got.length - 1]), TOLERANCE,
                    "copied row at " + ta);
        }
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void aTruncatedRowContinuesAsIfOnlyItsPrefixHadBeenFed(PositionEncoding positions) {
        TransformerConfig c = ReferenceLogits.config(positions);
        ComputationGraph graph = ReferenceLogits.randomGraph(c, 6L, 0.3);
        KvCacheModel kv = new KvCacheModel(TransformerWeights.from(graph, c), 1);
        int[] a = ReferenceLogits.randomIds(c, c.seqLen(), 13L);
        int[] b = ReferenceLogits.randomIds(c, c.seqLen(), 14L);
        kv.prefill(0, a);                                 // a whole row of a, then keep 3 of it and go on with b
        kv.truncate(0, 3);
        assertEquals(3, kv.length(0));
        int[] prefixAThenB = a.clone();
        System.arraycopy(b, 3, prefixAThenB, 3, c.seqLen() - 3);
        float[][] ref = ReferenceLogits.logits(graph, c, prefixAThenB);
        float[] last = kv.prefill(0, java.util.Arrays.copyOfRange(b, 3, c.seqLen()));
        assertEquals(0.0, ReferenceLogits.maxAbsDiff(ref[c.seqLen() - 1], last), TOLERANCE);
        assertThrows(IllegalArgumentException.class, () -> kv.truncate(0, c.seqLen() + 1));
        assertThrows(IllegalArgumentException.class, () -> kv.truncate(0, -1));
    }
}
