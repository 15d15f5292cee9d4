package dev.tumbler.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/** The batches feed a real DL4J graph: embedding of ids to an NCW sparse-softmax output, as DL4J-NOTES describes. */
class TokenBatchesGraphTest {
    private static final int VOCAB = 50;
    private static final int T = 6;
    private static final int MB = 3;

    @Test
    void fitRunsWithAFiniteScore() {
        ComputationGraph graph = graph();
        MultiDataSet batch = firstBatch(RandomWindows.windows(1, MB, T, VOCAB, true));
        INDArray before = graph.params().dup();
        graph.fit(batch);
        assertTrue(Double.isFinite(graph.score()) && graph.score() > 0, "score " + graph.score());
        assertNotEquals(before, graph.params(), "a step with non-zero weights must change the parameters");
    }

    @Test
    void scoreIsTheMaskedCrossEntropyOfTheNextTokens() {
        ComputationGraph graph = graph();
        List<TokenWindow> windows = new ArrayList<>();
        for (TokenWindow w : RandomWindows.windows(2, MB, T, VOCAB, true)) {
            float[] binary = new float[T];
            for (int t = 0; t < T; t++) {
                binary[t] = w.lossMask()[t] == 0f ? 0f : 1f;
            }
            windows.add(new TokenWindow(w.tokens(), binary));
        }
        MultiDataSet batch = firstBatch(windows);
        INDArray probs = graph.outputSingle(batch.getFeatures(0)); // [mb, vocab, T]
        INDArray labels = batch.getLabels(0);                      // [mb, 1, T]
        INDArray mask = batch.getLabelsMaskArray(0);               // [mb, T]
        double sum = 0;
        for (int i = 0; i < MB; i++) {
            for (int t = 0; t < T; t++) {
                int next = (int) labels.getFloat(i, 0, t);
                sum -= mask.getFloat(i, t) * Math.log(probs.getDouble(i, next, t));
            }
        }
        // DL4J sums an RNN output layer's loss over time steps and averages it over the minibatch.
        assertEquals(sum / MB, graph.score(batch), 1e-5 * sum);
    }

    @Test
    void dl4jOutputLayersAlsoMultiplyTheLogitsByNonBinaryMaskWeights() {
        // Pins a DL4J 1.0.0-M2.1 behaviour: BaseLayer.preOutputWithPreNorm applies the label mask to the output
        // layer's pre-softmax activations (applyMask = muliColumnVector), then the loss applies it again. A weight w
        // therefore gives w * CE(softmax(w * z), y): for 0 and 1 that is plain masking, for any other w the logits are
        // also rescaled (inverse temperature w; a negative w flips them). Weights other than 0/1 are not pure loss
        // weights with DL4J's built-in output layers; advantage weighting needs its own loss path.
        ComputationGraph graph = graph();
        MultiDataSet batch = firstBatch(RandomWindows.windows(5, MB, T, VOCAB, true));
        INDArray mask = batch.getLabelsMaskArray(0).reshape('c', new long[] {MB * T}); // [mb * T], row i * T + t
        INDArray labels = batch.getLabels(0).reshape('c', new long[] {MB * T});        // [mb * T]
        INDArray logits = logits(graph, batch.getFeatures(0));                         // [mb * T, vocab]
        double pureWeights = 0;
        double dl4j = 0;
        for (int r = 0; r < MB * T; r++) {
            double w = mask.getDouble(r);
            int next = (int) labels.getFloat(r);
            pureWeights += w * -logSoftmax(logits.getRow(r), 1.0, next);
            dl4j += w * -logSoftmax(logits.getRow(r), w, next);
        }
        double score = graph.score(batch);
        assertEquals(dl4j / MB, score, 1e-5 * dl4j);
        assertTrue(Math.abs(pureWeights / MB - score) > 1e-3,
                "pure loss weighting " + pureWeights / MB + " vs DL4J score " + score);
    }

    @Test
    void anAllZeroMaskGivesZeroScoreAndNoUpdate() {
        ComputationGraph graph = graph();
        List<TokenWindow> windows = new ArrayList<>();
        for (TokenWindow w : RandomWindows.windows(3, MB, T, VOCAB, false)) {
            windows.add(new TokenWindow(w.tokens(), new float[T]));
        }
        MultiDataSet batch = firstBatch(windows);
        INDArray before = graph.params().dup();
        graph.fit(batch);
        assertEquals(0.0, graph.score(), 0.0);
        assertEquals(before, graph.params(), "a zero mask must give a zero gradient");
    }

    @Test
    void intIdsGiveTheSameScoreAsFloatIds() {
        // EmbeddingSequenceLayer reads its input with data().asInt() and the sparse loss one-hots its labels, so
        // either data type works; FLOAT is what the batcher emits.
        ComputationGraph graph = graph();
        MultiDataSet batch = firstBatch(RandomWindows.windows(4, MB, T, VOCAB, true));
        MultiDataSet asInts = new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {batch.getFeatures(0).castTo(DataType.INT)},
                new INDArray[] {batch.getLabels(0).castTo(DataType.INT)},
                null, batch.getLabelsMaskArrays());
        assertEquals(graph.score(batch), graph.score(asInts), 1e-6);
    }

    /** The output layer's pre-softmax activations, one row per (window, position): row {@code i * T + t}. */
    private static INDArray logits(ComputationGraph graph, INDArray features) {
        INDArray hidden = graph.feedForward(features, false).get("embed");                    // [mb, 8, T]
        INDArray rows = hidden.permute(0, 2, 1).dup('c').reshape('c', new long[] {MB * T, 8}); // [mb * T, 8]
        INDArray w = graph.getLayer("out").getParam("W");                                     // [8, vocab]
        INDArray b = graph.getLayer("out").getParam("b");                                     // [1, vocab]
        return rows.mmul(w).addiRowVector(b);                                                 // [mb * T, vocab]
    }

    /** {@code log softmax(scale * logits)[target]}, in double. */
    private static double logSoftmax(INDArray logits, double scale, int target) {
        double[] z = logits.toDoubleVector();
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < z.length; v++) {
            z[v] *= scale;
            max = Math.max(max, z[v]);
        }
        double norm = 0;
        for (double x : z) {
            norm += Math.exp(x - max);
        }
        return z[target] - max - Math.log(norm);
    }

    private static MultiDataSet firstBatch(List<TokenWindow> windows) {
        return new TokenBatches(windows.iterator(), new BatchConfig(T, MB, true, false)).next();
    }

    private static ComputationGraph graph() {
        // No setInputTypes: it would overwrite the embedding's nIn with 1 (DL4J-NOTES).
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .graphBuilder()
                .addInputs("ids")
                .addLayer("embed", new EmbeddingSequenceLayer.Builder()
                        .nIn(VOCAB).nOut(8).outputDataFormat(RNNFormat.NCW).build(), "ids")
                .addLayer("out", new RnnOutputLayer.Builder(new LossSparseMCXENT())
                        .nIn(8).nOut(VOCAB).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), "embed")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
