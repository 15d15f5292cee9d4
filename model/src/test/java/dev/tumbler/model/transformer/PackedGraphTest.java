package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.data.PackedRows;
import dev.tumbler.model.data.WeightedIds;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Packed rows: no attention across conversations, positions restart, and the unpacked graph's outputs otherwise. */
class PackedGraphTest {

    @ParameterizedTest
    @CsvSource({"LEARNED, true", "ROTARY, false"})
    void changingOneConversationChangesNoOutputOfAnother(PositionEncoding positions, boolean bias) {
        TransformerConfig c = TestModels.tiny(2, positions, bias);                   // T 8: rows of 9 ids
        ComputationGraph graph = randomParams(TransformerGraph.buildPacked(c, 3L), 4L);
        int[] lengths = {3, 2, 4};
        List<WeightedIds> row = conversations(c, lengths, 10L);
        INDArray base = output(graph, List.of(row), c);                              // [1, V, T]
        for (int changed = 0; changed < lengths.length; changed++) {
            List<WeightedIds> other = conversations(c, lengths, 10L);
            int[] ids = other.get(changed).ids();
            for (int k = 1; k < ids.length; k++) {                                   // all but its <|bos|>
                ids[k] = (ids[k] + 1 + k) % c.vocabSize();
            }
            INDArray out = output(graph, List.of(other), c);
            int start = 0;
            for (int conv = 0; conv < lengths.length; conv++) {
                int end = Math.min(start + lengths[conv], c.seqLen());               // its positions in the row
                double diff = maxDiff(base, out, start, end);
                if (conv == changed) {
                    assertTrue(diff > 1e-4, "conversation " + conv + " must see its own tokens");
                } else {
                    assertEquals(0.0, diff, 1e-6, "conversation " + conv + " when " + changed + " changes");
                }
                start += lengths[conv];
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void aRowOfOneConversationGivesTheUnpackedOutputs(PositionEncoding positions) {
        TransformerConfig c = TestModels.tiny(2, positions);
        ComputationGraph unpacked = randomParams(TransformerGraph.build(c, 5L), 6L);
        ComputationGraph packed = TransformerGraph.buildPackedWithParamsOf(unpacked, c, new org.nd4j.linalg
                .learning.config.NoOp(), 0.0, 0.0);
        assertTrue(TransformerGraph.isPacked(packed));
        assertFalse(TransformerGraph.isPacked(unpacked));
        WeightedIds whole = conversations(c, new int[] {c.seqLen() + 1}, 7L).get(0);
        MultiDataSet data = PackedRows.toMultiDataSet(List.of(List.of(whole)), c.seqLen());
        INDArray expected = unpacked.outputSingle(data.getFeatures(0));
        assertEquals(expected, output(packed, List.of(List.of(whole)), c), "a full row, positions 0..T-1");

        WeightedIds shorter = conversations(c, new int[] {5}, 8L).get(0);          // then padding
        INDArray padded = output(packed, List.of(List.of(shorter)), c);
        INDArray alone = unpacked.outputSingle(PackedRows.toMultiDataSet(List.of(List.of(shorter)), c.seqLen())
                .getFeatures(0));
        assertEquals(0.0, maxDiff(alone, padded, 0, 5), 0.0, "a conversation followed by padding");
    }

    /** One-conversation rows train exactly as unpacked ones: the same loss and gradients for every parameter. */
    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void aRowOfOneConversationGivesTheUnpackedGradients(PositionEncoding positions) {
        TransformerConfig c = TestModels.tiny(2, positions, false);
        ComputationGraph unpacked = randomParams(TransformerGraph.build(c, 9L), 10L);
        ComputationGraph packed = TransformerGraph.buildPackedWithParamsOf(unpacked, c,
                new org.nd4j.linalg.learning.config.NoOp(), 0.0, 0.0);
        MultiDataSet data = PackedRows.toMultiDataSet(List.of(
                List.of(conversations(c, new int[] {c.seqLen() + 1}, 11L).get(0)),
                List.of(conversations(c, new int[] {6}, 12L).get(0))), c.seqLen());
        packed.setInputs(data.getFeatures());
        packed.setLabels(data.getLabels());
        packed.setLayerMaskArrays(null, data.getLabelsMaskArrays());
        packed.computeGradientAndScore();
        unpacked.setInputs(data.getFeatures(0));
        unpacked.setLabels(data.getLabels());
        unpacked.setLayerMaskArrays(null, data.getLabelsMaskArrays());
        unpacked.computeGradientAndScore();
        assertEquals(unpacked.score(), packed.score(), 1e-5);
        Gradient expected = unpacked.gradient();
        Gradient got = packed.gradient();
        assertEquals(expected.gradientForVariable().keySet(), got.gradientForVariable().keySet());
        for (String name : expected.gradientForVariable().keySet()) {
            INDArray e = expected.getGradientFor(name);
            INDArray g = got.getGradientFor(name);
            assertTrue(e.amaxNumber().doubleValue() > 0, name + " has a gradient");
            assertEquals(0.0, e.sub(g).amaxNumber().doubleValue(), 1e-6 + 1e-5 * e.amaxNumber().doubleValue(),
                    name);
        }
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void parametersMoveBetweenPackedAndUnpackedGraphs(PositionEncoding positions) {
        TransformerConfig c = TestModels.tiny(1, positions);
        ComputationGraph packed = TransformerGraph.buildPacked(c, 13L);
        ComputationGraph unpacked = TransformerGraph.build(c, 13L);
        assertEquals(unpacked.numParams(), packed.numParams());
        assertEquals(unpacked.params(), packed.params(), "the same initialisation from the same seed");
        ComputationGraph other = TransformerGraph.buildWithParamsOf(
                randomParams(TransformerGraph.buildPacked(c, 14L), 15L), c,
                new org.nd4j.linalg.learning.config.NoOp(), 0.0, 0.0);
        assertFalse(TransformerGraph.isPacked(other));
        assertFalse(other.params().equals(unpacked.params()));
        ComputationGraph scalar = TransformerGraph.build(c.withHead(HeadKind.SCALAR), 1L);
        assertThrows(IllegalArgumentException.class, () -> TransformerGraph.copyParams(scalar, packed));
        assertThrows(IllegalArgumentException.class, () -> TransformerGraph.buildPacked(c.withHead(HeadKind.SCALAR),
                1L));
    }

    /** Rows of {@code lengths} conversations from {@code seed}, each starting with id 1 (the test's bos). */
    static List<WeightedIds> conversations(TransformerConfig c, int[] lengths, long seed) {
        Random r = new Random(seed);
        WeightedIds[] out = new WeightedIds[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            int[] ids = new int[lengths[i]];
            float[] weights = new float[lengths[i]];
            ids[0] = 1;
            for (int k = 1; k < ids.length; k++) {
                ids[k] = r.nextInt(c.vocabSize());
                weights[k] = k % 3 == 0 ? 0f : 1f;
            }
            out[i] = new WeightedIds(ids, weights);
        }
        return List.of(out);
    }

    /** The packed graph's output {@code [mb, V, T]} on {@code rows}. */
    static INDArray output(ComputationGraph graph, List<List<WeightedIds>> rows, TransformerConfig c) {
        return graph.output(false, PackedRows.toMultiDataSet(rows, c.seqLen()).getFeatures())[0];
    }

    /** Every parameter normal(0, 0.3): GPT-2 init gives near-uniform attention, a weak test of what is seen. */
    static ComputationGraph randomParams(ComputationGraph graph, long seed) {
        INDArray params = Nd4j.randn(new Random(seed).nextLong(), graph.params().shape()).muli(0.3);
        graph.setParams(params.castTo(graph.params().dataType()));
        return graph;
    }

    /** Largest absolute difference of {@code a} and {@code b} ({@code [1, V, T]}) at positions {@code [from, to)}. */
    static double maxDiff(INDArray a, INDArray b, int from, int to) {
        org.nd4j.linalg.indexing.INDArrayIndex range = NDArrayIndex.interval(from, to);
        return a.get(NDArrayIndex.all(), NDArrayIndex.all(), range).castTo(DataType.DOUBLE)
                .sub(b.get(NDArrayIndex.all(), NDArrayIndex.all(), range).castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue();
    }
}
