package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Changing a later token never changes earlier outputs. */
class CausalityTest {

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void laterTokensDoNotAffectEarlierOutputs(PositionEncoding positions) {
        TransformerConfig c = TestModels.tiny(2, positions);
        ComputationGraph graph = TransformerGraph.build(c, 11L);
        INDArray tokens = TestModels.randomTokens(1, c, 5L);                  // [1, T]
        INDArray base = graph.outputSingle(tokens.dup());                     // [1, V, T]
        for (int t = 0; t + 1 < c.seqLen(); t++) {
            INDArray changed = tokens.dup();
            changed.putScalar(0, t + 1, (changed.getInt(0, t + 1) + 1) % c.vocabSize());
            INDArray out = graph.outputSingle(changed);                       // [1, V, T]
            INDArray before = base.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1));
            INDArray after = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1));
            assertEquals(0.0, before.sub(after).amaxNumber().doubleValue(), 1e-6, "positions <= " + t);
            double atNext = base.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t + 1))
                    .sub(out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t + 1)))
                    .amaxNumber().doubleValue();
            assertTrue(atNext > 1e-7, "position " + (t + 1) + " must see its own token");
        }
    }
}
