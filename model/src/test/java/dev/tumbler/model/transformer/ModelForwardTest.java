package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DL4J graph (SameDiff blocks, final norm, output projection) agrees with the plain-ND4J reference. */
class ModelForwardTest {

    @ParameterizedTest
    @CsvSource({"LEARNED, true", "LEARNED, false", "ROTARY, true", "ROTARY, false"})
    void modelMatchesReference(PositionEncoding positions, boolean bias) {
        TransformerConfig c = TestModels.tiny(2, positions, bias);
        ComputationGraph graph = TransformerGraph.build(c, 7L);
        // Perturb every parameter (norm gains and biases start at 1 and 0) so that each one matters, and make the
        // weights large enough that attention is far from uniform.
        Nd4j.getRandom().setSeed(3);
        graph.params().addi(Nd4j.randn(DataType.FLOAT, graph.params().shape()).muli(0.3));
        INDArray tokens = TestModels.randomTokens(3, c, 5L);                                 // [mb, T]

        INDArray actual = graph.outputSingle(tokens.dup());                                  // [mb, V, T]
        INDArray expected = TransformerReference.probabilities(graph, tokens, c);           // [mb, V, T]

        double spread = expected.max(1).sub(expected.min(1)).minNumber().doubleValue();
        assertTrue(spread > 0.05, "reference predictions are nearly uniform: " + spread);
        double maxDiff = actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-4, "max |graph - reference| = " + maxDiff);
    }
}
