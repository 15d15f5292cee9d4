package dev.tumbler.model.generate;

import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test models with non-trivial random parameters, and their logits from the DL4J full forward pass. */
final class ReferenceLogits {
    private ReferenceLogits() {
    }

    /** vocab 40, T 12, d 16, 2 heads, mlp ratio 4. */
    static TransformerConfig config(dev.tumbler.model.transformer.PositionEncoding positions) {
        return new TransformerConfig(40, 12, 16, 2, 2, 4, 0.0, false, positions);
    }

    /**
     * A graph whose every parameter is normal(0, std): GPT-2 init (std 0.02) gives near-uniform attention and tiny
     * logits, which would make a 1e-4 comparison weak.
     */
    static ComputationGraph randomGraph(TransformerConfig config, long seed, double std) {
        ComputationGraph graph = TransformerGraph.build(config, seed);
        INDArray params = Nd4j.randn(new Random(seed).nextLong(), graph.params().shape()).muli(std);
        graph.setParams(params.castTo(graph.params().dataType()));
        return graph;
    }

    /** {@code [T][V]} pre-softmax logits of the DL4J graph for one window of ids (padded with 0 to seq_len). */
    static float[][] logits(ComputationGraph graph, TransformerConfig c, int[] ids) {
        INDArray tokens = Nd4j.zeros(DataType.FLOAT, 1, c.seqLen());
        for (int t = 0; t < ids.length; t++) {
            tokens.putScalar(0, t, ids[t]);
        }
        INDArray normed = graph.feedForward(tokens, false).get(TransformerGraph.FINAL_NORM); // [1, d, T]
        INDArray w = graph.getLayer(TransformerGraph.OUTPUT).paramTable().get("W");          // [d, V]
        INDArray b = graph.getLayer(TransformerGraph.OUTPUT).paramTable().get("b");          // [1, V]
        INDArray z = normed.slice(0).transpose().mmul(w).addRowVector(b);                     // [T, V]
        return z.castTo(DataType.FLOAT).toFloatMatrix();
    }

    static int[] randomIds(TransformerConfig c, int length, long seed) {
        Random r = new Random(seed);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = r.nextInt(c.vocabSize());
        }
        return ids;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static double maxAbs(float[] a) {
        double max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
