package dev.tumbler.model.transformer;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** Manual measurement: forward+backward+update time per step of the tiny preset. Run with -Dtumbler.timing=true. */
@EnabledIfSystemProperty(named = "tumbler.timing", matches = "true")
class StepTimingTest {

    @Test
    void tinyPresetStepTime() {
        int mb = Integer.getInteger("tumbler.timing.mb", 16);
        for (int vocab : new int[] {4096, 32768}) {
            TransformerConfig c = new TransformerConfig(vocab, 128, 128, 2, 4, 4, 0.0, false, PositionEncoding.LEARNED);
            ComputationGraph graph = TransformerGraph.build(c, 1L, new Adam(3e-4), 0.1, 1.0);
            INDArray tokens = TestModels.randomTokens(mb, c, 1L);                         // [mb, T]
            INDArray labels = TestModels.randomTokens(mb, c, 2L).reshape(mb, 1, c.seqLen()); // [mb, 1, T]
            for (int i = 0; i < 3; i++) {
                graph.fit(new INDArray[] {tokens}, new INDArray[] {labels});
            }
            int steps = 10;
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                graph.fit(new INDArray[] {tokens}, new INDArray[] {labels});
            }
            double seconds = (System.nanoTime() - start) / 1e9 / steps;
            System.out.printf("TIMING vocab=%d mb=%d T=%d: %.3f s/step, %.0f tokens/s, loss/token %.3f%n",
                    vocab, mb, c.seqLen(), seconds, mb * c.seqLen() / seconds, graph.score() / c.seqLen());
        }
    }
}
