package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The decoder's loss with the LM head: per-token weights (negative ones included) applied exactly, and the training
 * score equals a fresh evaluation.
 */
class DecoderLayerTest {
    private static final TransformerConfig C = TestModels.tiny(2, PositionEncoding.LEARNED);
    private static final int MB = 2;

    /** The flattened parameter vector of saved models: with biases it must not change (checkpoints hold it). */
    @Test
    void parameterLayoutIsTheOneSavedModelsHold() {
        // DL4J lays out a SameDiff layer's weight parameters first, then its bias parameters (norm gains included),
        // each group in the order defineParameters adds them.
        assertEquals(List.of("b0wq", "b0wk", "b0wv", "b0wo", "b0w1", "b0w2", "headW",
                "b0attnNorm", "b0bq", "b0bk", "b0bv", "b0bo", "b0mlpNorm", "b0b1", "b0b2", "finalNorm", "headB"),
                layout(true));
        assertEquals(List.of("b0wq", "b0wk", "b0wv", "b0wo", "b0w1", "b0w2", "headW",
                "b0attnNorm", "b0mlpNorm", "finalNorm"), layout(false));
    }

    /** The decoder's parameter names in the order of their offsets in the flattened parameter vector. */
    private static List<String> layout(boolean bias) {
        ComputationGraph graph = TransformerGraph.build(TestModels.tiny(1, PositionEncoding.LEARNED, bias), 1L);
        Map<String, INDArray> table = graph.getLayer(TransformerGraph.DECODER).paramTable();
        List<String> names = new ArrayList<>(table.keySet());
        names.sort(Comparator.comparingLong(name -> table.get(name).data().offset()));
        return names;
    }

    @Test
    void scoreIsTheWeightedCrossEntropySummedOverTokensPerExample() {
        ComputationGraph graph = perturbed();
        INDArray tokens = TestModels.randomTokens(MB, C, 1L);
        INDArray labels = TestModels.randomTokens(MB, C, 2L).reshape(MB, 1, C.seqLen());
        INDArray weights = Nd4j.rand(DataType.FLOAT, MB, C.seqLen()).muli(3);          // [mb, T], not 0/1
        INDArray p = TransformerReference.probabilities(graph, tokens, C);              // [mb, V, T]
        double sum = 0;
        double weighted = 0;
        for (int b = 0; b < MB; b++) {
            for (int t = 0; t < C.seqLen(); t++) {
                double ce = -Math.log(p.getDouble(b, labels.getInt(b, 0, t), t));
                sum += ce;
                weighted += weights.getDouble(b, t) * ce;
            }
        }
        assertEquals(sum / MB, graph.score(batch(tokens, labels, null)), 1e-4 * sum);
        assertEquals(weighted / MB, graph.score(batch(tokens, labels, weights)), 1e-4 * weighted);
    }

    @Test
    void trainingScoreEqualsAFreshEvaluationOfTheSameBatch() {
        for (boolean masked : new boolean[] {false, true}) {
            ComputationGraph graph = perturbed();
            INDArray tokens = TestModels.randomTokens(MB, C, 3L);
            INDArray labels = TestModels.randomTokens(MB, C, 4L).reshape(MB, 1, C.seqLen());
            INDArray weights = masked ? Nd4j.createFromArray(new float[][] {
                {1, 1, 0, 0, 1, 1, 1, 0}, {0, 0, 0, 1, 1, 1, 1, 1}}) : null;
            MultiDataSet batch = batch(tokens, labels, weights);
            graph.setInputs(tokens);
            graph.setLabels(labels);
            graph.setLayerMaskArrays(null, weights == null ? null : new INDArray[] {weights});
            graph.computeGradientAndScore();
            double trainingScore = graph.score();
            double fresh = graph.score(batch);
            assertTrue(fresh > 0, "score " + fresh);
            assertEquals(fresh, trainingScore, 1e-5 * fresh, "masked = " + masked);
        }
    }

    /** Alignment's policy update needs negative weights: weight -1 must push exactly opposite to weight +1. */
    @Test
    void aNegativeWeightGivesExactlyTheNegatedGradientAndScore() {
        ComputationGraph graph = perturbed();
        INDArray tokens = TestModels.randomTokens(MB, C, 11L);
        INDArray labels = TestModels.randomTokens(MB, C, 12L).reshape(MB, 1, C.seqLen());
        INDArray ones = Nd4j.ones(DataType.FLOAT, MB, C.seqLen());                    // [mb, T]
        Step plus = step(graph, tokens, labels, ones);
        Step minus = step(graph, tokens, labels, ones.neg());
        assertTrue(plus.gradient().amaxNumber().doubleValue() > 0, "a nonzero gradient to compare");
        assertEquals(plus.gradient().neg(), minus.gradient());
        assertEquals(-plus.score(), minus.score(), 0.0);
    }

    /**
     * With weights of both signs the gradient is the signed sum of the positive and the negative parts' gradients,
     * and the score the signed weighted cross-entropy {@code Σ w·CE / mb} (here negative: the negative weights
     * dominate).
     */
    @Test
    void mixedSignWeightsGiveTheSignedSumOfGradientsAndTheSignedScore() {
        ComputationGraph graph = perturbed();
        INDArray tokens = TestModels.randomTokens(MB, C, 13L);
        INDArray labels = TestModels.randomTokens(MB, C, 14L).reshape(MB, 1, C.seqLen());
        INDArray weights = Nd4j.createFromArray(new float[][] {
            {1, -2, 0.5f, 0, -1, 3, -0.25f, -1}, {-3, -1, 2, -1, 0, -1, 1, -2}});   // [mb, T]
        INDArray positive = Transforms.max(weights, 0.0);
        INDArray negative = Transforms.max(weights.neg(), 0.0);
        Step mixed = step(graph, tokens, labels, weights);
        INDArray signedSum = step(graph, tokens, labels, positive).gradient()
                .sub(step(graph, tokens, labels, negative).gradient());
        double scale = mixed.gradient().amaxNumber().doubleValue();
        assertTrue(scale > 0, "a nonzero gradient to compare");
        assertEquals(0.0, mixed.gradient().sub(signedSum).amaxNumber().doubleValue(), 1e-5 * scale);

        INDArray p = TransformerReference.probabilities(graph, tokens, C);              // [mb, V, T]
        double weighted = 0;
        for (int b = 0; b < MB; b++) {
            for (int t = 0; t < C.seqLen(); t++) {
                weighted -= weights.getDouble(b, t) * Math.log(p.getDouble(b, labels.getInt(b, 0, t), t));
            }
        }
        assertTrue(weighted < 0, "the negative weights dominate: " + weighted);
        assertEquals(weighted / MB, mixed.score(), 1e-4 * Math.abs(weighted));
        assertEquals(weighted / MB, graph.score(batch(tokens, labels, weights)), 1e-4 * Math.abs(weighted));
    }

    private record Step(INDArray gradient, double score) {
    }

    /** The flattened gradient and the score of one training step's forward and backward pass. */
    private static Step step(ComputationGraph graph, INDArray tokens, INDArray labels, INDArray weights) {
        graph.setInputs(tokens);
        graph.setLabels(labels);
        graph.setLayerMaskArrays(null, new INDArray[] {weights});
        graph.computeGradientAndScore();
        return new Step(graph.getFlattenedGradients().dup(), graph.score());
    }

    @Test
    void integerLabelsScoreLikeFloatLabels() {
        ComputationGraph graph = perturbed();
        INDArray tokens = TestModels.randomTokens(MB, C, 6L);
        INDArray labels = TestModels.randomTokens(MB, C, 7L).reshape(MB, 1, C.seqLen());
        assertEquals(graph.score(batch(tokens, labels, null)),
                graph.score(batch(tokens, labels.castTo(DataType.INT), null)), 1e-6);
    }

    @Test
    void labelsOfTheWrongLengthAreRefusedWithTheirShape() {
        ComputationGraph graph = TransformerGraph.build(C, 1L);
        INDArray tokens = TestModels.randomTokens(MB, C, 5L);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, MB, 1, C.seqLen() - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> graph.score(batch(tokens, labels, null)));
        assertTrue(e.getMessage().contains("[2, 1, 7]"), e.getMessage());
    }

    private static ComputationGraph perturbed() {
        ComputationGraph graph = TransformerGraph.build(C, 9L);
        Nd4j.getRandom().setSeed(4);
        graph.params().addi(Nd4j.randn(DataType.FLOAT, graph.params().shape()).muli(0.3));
        return graph;
    }

    private static MultiDataSet batch(INDArray tokens, INDArray labels, INDArray mask) {
        return new MultiDataSet(new INDArray[] {tokens}, new INDArray[] {labels}, null,
                mask == null ? null : new INDArray[] {mask});
    }
}
