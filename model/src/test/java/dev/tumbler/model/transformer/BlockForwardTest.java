package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff block agrees with the plain-ND4J reference. */
class BlockForwardTest {

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void blockMatchesReference(PositionEncoding positions) {
        TransformerConfig c = TestModels.tiny(1, positions);
        ComputationGraph graph = TransformerGraph.build(c, 7L);
        Layer block = graph.getLayer(TransformerGraph.blockName(0));
        // Perturb norms and biases away from 1/0 so that every parameter matters.
        Nd4j.getRandom().setSeed(3);
        for (INDArray p : block.paramTable().values()) {
            p.addi(Nd4j.randn(DataType.FLOAT, p.shape()).muli(0.1));
        }
        INDArray input = Nd4j.randn(DataType.FLOAT, 3, c.dModel(), c.seqLen()); // [mb, d, T]

        INDArray actual = block.activate(input.dup(), false, LayerWorkspaceMgr.noWorkspaces()); // [mb, d, T]
        INDArray expected = TransformerReference.block(input, block.paramTable(), c);         // [mb, d, T]

        double maxDiff = actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-4, "max |samediff - reference| = " + maxDiff);
    }
}
