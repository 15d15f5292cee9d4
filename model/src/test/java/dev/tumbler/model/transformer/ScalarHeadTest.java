package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.generate.TransformerWeights;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/** The scalar reward head: which position it reads, its Bradley-Terry loss and gradient, and its trunk's origin. */
class ScalarHeadTest {
    private static final TransformerConfig LM = TestModels.tiny(2, PositionEncoding.LEARNED);
    private static final TransformerConfig C = LM.withHead(HeadKind.SCALAR);
    private static final int MB = 4;
    /** The position each row reads, as rows padded to different lengths mark their last real token. */
    private static final int[] POSITIONS = {3, 7, 5, 2};
    /** Pair margins on the chosen (even) rows. */
    private static final float[] MARGINS = {0.5f, 0, 0, 0};

    @Test
    void rewardsReadTheChosenPositionOnly() {
        ComputationGraph graph = perturbed(TransformerGraph.build(C, 9L));
        INDArray mask = positionMask(POSITIONS);
        INDArray tokens = TestModels.randomTokens(MB, C, 1L);                            // [mb, T]
        INDArray base = rewards(graph, tokens, mask);                                     // [mb, 1]
        assertEquals(MB, base.length());
        INDArray padding = tokens.dup();
        INDArray chosen = tokens.dup();
        for (int row = 0; row < MB; row++) {
            for (int t = POSITIONS[row] + 1; t < C.seqLen(); t++) {
                padding.putScalar(row, t, (tokens.getInt(row, t) + 1 + row) % C.vocabSize());
            }
            chosen.putScalar(row, POSITIONS[row], (tokens.getInt(row, POSITIONS[row]) + 1) % C.vocabSize());
        }
        assertEquals(base, rewards(graph, padding, mask), "tokens after each row's position change no reward");
        INDArray changed = rewards(graph, chosen, mask);
        for (int row = 0; row < MB; row++) {
            assertNotEquals(base.getDouble(row), changed.getDouble(row), "row " + row + " reads its position");
        }
    }

    @Test
    void rewardsAreTheProjectionOfTheFinalNormHiddenStateAndWithoutAMaskTheLastPosition() {
        ComputationGraph graph = perturbed(TransformerGraph.build(C, 9L));
        INDArray tokens = TestModels.randomTokens(MB, C, 2L);
        double[] expected = referenceRewards(graph, tokens, POSITIONS);
        INDArray rewards = rewards(graph, tokens, positionMask(POSITIONS));
        int[] last = {7, 7, 7, 7};
        double[] atLast = referenceRewards(graph, tokens, last);
        INDArray unmasked = graph.outputSingle(tokens.dup());                             // [mb, 1]
        for (int row = 0; row < MB; row++) {
            assertEquals(expected[row], rewards.getDouble(row), 1e-4, "row " + row);
            assertEquals(atLast[row], unmasked.getDouble(row), 1e-4, "row " + row + " without a mask");
        }
    }

    /** L = mean softplus(m - (r_c - r_r)) + c·mean (r_c + r_r)², and dL/dw, dL/db in closed form. */
    @Test
    void lossAndGradientMatchTheClosedForm() {
        TransformerConfig centred = new TransformerConfig(23, 8, 16, 2, 2, 4, 0.0, false, PositionEncoding.LEARNED,
                true, HeadKind.SCALAR, 0.3);
        ComputationGraph graph = perturbed(TransformerGraph.build(centred, 9L));
        INDArray tokens = TestModels.randomTokens(MB, centred, 3L);
        INDArray hidden = TransformerReference.hidden(graph, tokens, centred);            // [mb, T, d]
        double[] r = referenceRewards(graph, tokens, POSITIONS);
        int pairs = MB / 2;
        double loss = 0;
        double[] dLdr = new double[MB];
        for (int i = 0; i < pairs; i++) {
            double rc = r[2 * i];
            double rr = r[2 * i + 1];
            double x = MARGINS[2 * i] - (rc - rr);
            double softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            double sigmoid = 1 / (1 + Math.exp(-x));
            loss += (softplus + 0.3 * (rc + rr) * (rc + rr)) / pairs;
            dLdr[2 * i] = (-sigmoid + 2 * 0.3 * (rc + rr)) / pairs;
            dLdr[2 * i + 1] = (sigmoid + 2 * 0.3 * (rc + rr)) / pairs;
        }
        double[] dLdw = new double[centred.dModel()];
        double scale = 0;
        double dLdb = 0;
        for (int row = 0; row < MB; row++) {
            for (int j = 0; j < dLdw.length; j++) {
                dLdw[j] += dLdr[row] * hidden.getDouble(row, POSITIONS[row], j);
            }
            dLdb += dLdr[row];
        }
        for (double g : dLdw) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 1e-3, "a gradient to compare: " + scale);

        MultiDataSet batch = batch(tokens, POSITIONS);
        assertEquals(loss, graph.score(batch), 1e-5 * loss);
        graph.setInputs(tokens);
        graph.setLabels(batch.getLabels(0));
        graph.setLayerMaskArrays(null, batch.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        assertEquals(loss, graph.score(), 1e-5 * loss, "the training step's score");
        // DL4J's updater divides the layer's gradient by the minibatch size: the loss is mb·L.
        Map<String, INDArray> grads = graph.gradient().gradientForVariable();
        INDArray w = grads.get(TransformerGraph.DECODER + "_" + ScalarHead.REWARD_W).div(MB);  // [d, 1]
        for (int j = 0; j < dLdw.length; j++) {
            assertEquals(dLdw[j], w.getDouble(j), 1e-4 * scale, "dL/dw[" + j + "]");
        }
        double b = grads.get(TransformerGraph.DECODER + "_" + ScalarHead.REWARD_B).getDouble(0) / MB;
        assertEquals(dLdb, b, 1e-5 + 1e-4 * Math.abs(dLdb));
    }

    @Tag("slow")
    @Test
    void trainingLowersTheLossAndTheScoreMatchesAFreshEvaluation() {
        ComputationGraph graph = TransformerGraph.build(C, 4L, new Adam(3e-3), 0.0, 1.0);
        MultiDataSet batch = batch(TestModels.randomTokens(MB, C, 4L), POSITIONS);
        double first = graph.score(batch);
        for (int i = 0; i < 10; i++) {
            graph.fit(batch);
        }
        double trainingScore = graph.score();
        assertTrue(trainingScore < first - 0.1, "loss " + first + " -> " + trainingScore);
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.setLayerMaskArrays(null, batch.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        assertEquals(graph.score(batch), graph.score(), 1e-6);
    }

    @Test
    void aBatchThatIsNotPairsOrMarksNoSinglePositionIsRefused() {
        ComputationGraph graph = TransformerGraph.build(C, 1L);
        INDArray tokens = TestModels.randomTokens(3, C, 5L);
        var e = assertThrows(IllegalArgumentException.class, () -> graph.score(batch(tokens, new int[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("even number"), e.getMessage());

        MultiDataSet badMargin = batch(TestModels.randomTokens(2, C, 5L), new int[] {1, 2});
        badMargin.getLabels(0).putScalar(1, 0, 1.0);
        e = assertThrows(IllegalArgumentException.class, () -> graph.score(badMargin));
        assertTrue(e.getMessage().contains("labels[1]"), e.getMessage());

        MultiDataSet twoPositions = batch(TestModels.randomTokens(2, C, 5L), new int[] {1, 2});
        twoPositions.getLabelsMaskArray(0).putScalar(0, 4, 1.0);
        e = assertThrows(IllegalArgumentException.class, () -> graph.score(twoPositions));
        assertTrue(e.getMessage().contains("row 0 of the label mask sums to 2"), e.getMessage());
    }

    @Test
    void aRewardModelStartsFromTheTrunkOfAnLmModel() {
        ComputationGraph lm = perturbed(TransformerGraph.build(LM, 9L));
        ComputationGraph reward = TransformerGraph.buildWithTrunkOf(lm, C, 21L, new NoOp(), 0.0, 0.0);
        ComputationGraph fresh = TransformerGraph.build(C, 21L);
        Map<String, INDArray> decoder = reward.getLayer(TransformerGraph.DECODER).paramTable();
        Map<String, INDArray> lmDecoder = lm.getLayer(TransformerGraph.DECODER).paramTable();
        for (Map.Entry<String, INDArray> e : decoder.entrySet()) {
            INDArray expected = e.getKey().startsWith("reward")
                    ? fresh.getLayer(TransformerGraph.DECODER).getParam(e.getKey()) : lmDecoder.get(e.getKey());
            assertEquals(expected, e.getValue(), e.getKey());
        }
        for (String layer : new String[] {TransformerGraph.EMBEDDING, TransformerGraph.POSITIONS}) {
            assertEquals(lm.getLayer(layer).params(), reward.getLayer(layer).params(), layer);
        }
        assertEquals(C.parameterCount(), reward.numParams());

        // The LM's final-norm hidden state through the fresh head's projection is the reward.
        INDArray tokens = TestModels.randomTokens(MB, C, 6L);
        INDArray hidden = TransformerReference.hidden(lm, tokens, LM);                    // [mb, T, d]
        INDArray w = decoder.get(ScalarHead.REWARD_W).castTo(DataType.DOUBLE);           // [d, 1]
        double b = decoder.get(ScalarHead.REWARD_B).getDouble(0);
        INDArray rewards = rewards(reward, tokens, positionMask(POSITIONS));
        for (int row = 0; row < MB; row++) {
            double expected = hidden.slice(row).getRow(POSITIONS[row]).reshape(1, -1).mmul(w).getDouble(0) + b;
            assertEquals(expected, rewards.getDouble(row), 1e-4, "row " + row);
        }
    }

    @Test
    void aTrunkOfAnotherShapeIsRefusedByName() {
        ComputationGraph lm = TransformerGraph.build(TestModels.tiny(1, PositionEncoding.LEARNED), 9L);
        var e = assertThrows(IllegalArgumentException.class,
                () -> TransformerGraph.buildWithTrunkOf(lm, C, 1L, new NoOp(), 0.0, 0.0));
        assertTrue(e.getMessage().contains("decoder.b1") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aRewardModelSavesAndLoadsWithItsHead(@TempDir Path dir) throws Exception {
        ComputationGraph graph = perturbed(TransformerGraph.build(C, 9L));
        ModelFiles.save(graph, C, dir);
        ModelFiles.Loaded loaded = ModelFiles.load(dir);
        assertEquals(C, loaded.config());
        INDArray tokens = TestModels.randomTokens(MB, C, 7L);
        assertEquals(rewards(graph, tokens, positionMask(POSITIONS)),
                rewards(loaded.graph(), tokens, positionMask(POSITIONS)));
        var e = assertThrows(IllegalArgumentException.class, () -> TransformerWeights.from(loaded.graph(), C));
        assertTrue(e.getMessage().contains("model.head is SCALAR"), e.getMessage());
    }

    /** Rewards {@code [mb, 1]} reading the positions of a one-hot label mask. */
    private static INDArray rewards(ComputationGraph graph, INDArray tokens, INDArray mask) {
        return graph.output(false, new INDArray[] {tokens.dup()}, null, new INDArray[] {mask})[0];
    }

    /** Plain-ND4J rewards: the final-norm hidden state at each row's position through the head's projection. */
    private static double[] referenceRewards(ComputationGraph graph, INDArray tokens, int[] positions) {
        TransformerConfig c = ((DecoderLayer) graph.getLayer(TransformerGraph.DECODER).conf().getLayer()).headKind()
                == HeadKind.SCALAR ? C : LM;
        INDArray hidden = TransformerReference.hidden(graph, tokens, c);                  // [mb, T, d]
        Map<String, INDArray> p = graph.getLayer(TransformerGraph.DECODER).paramTable();
        double[] r = new double[(int) tokens.size(0)];
        for (int row = 0; row < r.length; row++) {
            INDArray h = hidden.slice(row).getRow(positions[row]).reshape(1, -1);          // [1, d]
            r[row] = TransformerReference.linear(h, p, ScalarHead.REWARD_W, ScalarHead.REWARD_B).getDouble(0);
        }
        return r;
    }

    /** One-hot {@code [mb, T]} at each row's position. */
    static INDArray positionMask(int[] positions) {
        INDArray mask = Nd4j.zeros(DataType.FLOAT, positions.length, C.seqLen());
        for (int row = 0; row < positions.length; row++) {
            mask.putScalar(row, positions[row], 1.0);
        }
        return mask;
    }

    /** Tokens, margins {@code [mb, 1]} ({@link #MARGINS} for the first rows, 0 after) and the position mask. */
    private static MultiDataSet batch(INDArray tokens, int[] positions) {
        INDArray margins = Nd4j.zeros(DataType.FLOAT, positions.length, 1);
        for (int row = 0; row < Math.min(positions.length, MARGINS.length); row++) {
            margins.putScalar(row, 0, MARGINS[row]);
        }
        return new MultiDataSet(new INDArray[] {tokens}, new INDArray[] {margins}, null,
                new INDArray[] {positionMask(positions)});
    }

    private static ComputationGraph perturbed(ComputationGraph graph) {
        Nd4j.getRandom().setSeed(4);
        graph.params().addi(Nd4j.randn(DataType.FLOAT, graph.params().shape()).muli(0.3));
        return graph;
    }
}
