package dev.tumbler.model.generate;

import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Test models with non-trivial random parameters, and their logits from the DL4J full forward pass. */
final class ReferenceLogits {
    private ReferenceLogits() {
    }

    /** vocab 40, T 12, d 16, 2 heads, mlp ratio 4. */
    static TransformerConfig config(dev.tumbler.model.transformer.PositionEncoding positions) {
        return config(positions, true);
    }

    static TransformerConfig config(dev.tumbler.model.transformer.PositionEncoding positions, boolean bias) {
        return new TransformerConfig(40, 12, 16, 2, 2, 4, 0.0, false, positions, bias);
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

    /**
     * {@code [T][V]} logits of the DL4J graph for one window of ids (padded with 0 to seq_len), as log-probabilities:
     * the graph's output is the softmax, and logits are defined up to a constant per position. Compare with
     * {@link #maxAbsDiff}, which normalises both sides the same way.
     */
    static float[][] logits(ComputationGraph graph, TransformerConfig c, int[] ids) {
        INDArray tokens = Nd4j.zeros(DataType.FLOAT, 1, c.seqLen());
        for (int t = 0; t < ids.length; t++) {
            tokens.putScalar(0, t, ids[t]);
        }
        INDArray probabilities = graph.outputSingle(tokens);                                 // [1, V, T]
        INDArray logProbs = Transforms.log(probabilities.castTo(DataType.DOUBLE).slice(0).transpose()); // [T, V]
        return logProbs.castTo(DataType.FLOAT).toFloatMatrix();
    }

    static int[] randomIds(TransformerConfig c, int length, long seed) {
        Random r = new Random(seed);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = r.nextInt(c.vocabSize());
        }
        return ids;
    }

    /** Largest difference of the two logit vectors after shifting each to log-probabilities (log-softmax). */
    static double maxAbsDiff(float[] a, float[] b) {
        double[] x = logSoftmax(a);
        double[] y = logSoftmax(b);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    /** Largest minus smallest value: how far the logits are from a uniform prediction. */
    static double spread(float[] a) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (float v : a) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return max - min;
    }

    private static double[] logSoftmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - logZ;
        }
        return out;
    }
}
