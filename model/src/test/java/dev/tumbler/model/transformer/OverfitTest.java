package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** A tiny model memorises a short repeated sequence. */
class OverfitTest {

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void lossDropsOnRepeatedSequence(PositionEncoding positions) {
        TransformerConfig c = new TransformerConfig(16, 16, 32, 2, 4, 4, 0.0, false, positions);
        ComputationGraph graph = TransformerGraph.build(c, 5L, new Adam(3e-3), 0.0, 1.0);
        int[] pattern = {3, 1, 4, 1, 5, 9, 2, 6};
        INDArray tokens = Nd4j.create(DataType.FLOAT, 2, c.seqLen());               // [mb, T]
        INDArray labels = Nd4j.create(DataType.FLOAT, 2, 1, c.seqLen());            // [mb, 1, T]
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < c.seqLen(); t++) {
                tokens.putScalar(b, t, pattern[(t + b) % pattern.length]);
                labels.putScalar(b, 0, t, pattern[(t + b + 1) % pattern.length]);
            }
        }
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 100; step++) {
            graph.fit(new INDArray[] {tokens}, new INDArray[] {labels});
            double perToken = graph.score() / c.seqLen();
            if (step == 0) {
                first = perToken;
            }
            last = perToken;
        }
        assertTrue(last < first / 10, "loss per token " + first + " -> " + last);
    }
}
