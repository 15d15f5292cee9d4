package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Analytic gradients of the whole graph agree with finite differences (double precision, one entry per parameter array). */
@Tag("slow")
class GradientCheckTest {
    private DataType savedType;
    private DataType savedFloatType;

    @BeforeEach
    void useDouble() {
        savedType = Nd4j.dataType();
        savedFloatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(savedType, savedFloatType);
    }

    @ParameterizedTest
    @CsvSource({"LEARNED, true", "LEARNED, false", "ROTARY, true", "ROTARY, false"})
    void gradientsMatchFiniteDifferences(PositionEncoding positions, boolean bias) {
        TransformerConfig c = new TransformerConfig(11, 4, 8, 1, 2, 4, 0.0, false, positions, bias);
        ComputationGraph graph = TransformerGraph.build(c, 42L);
        INDArray tokens = TestModels.randomTokens(1, c, 1L).castTo(DataType.DOUBLE);      // [mb, T]
        INDArray labels = TestModels.randomTokens(1, c, 2L).castTo(DataType.DOUBLE)
                .reshape(1, 1, c.seqLen());                                               // [mb, 1, T]
        assertTrue(check(graph, tokens, labels, null), "gradient check failed for " + positions + ", bias " + bias);
    }

    /** Per-token loss weights other than 0 and 1 (as advantage weighting uses) are part of the gradient too. */
    @Test
    void weightedLabelMaskGradientsMatchFiniteDifferences() {
        TransformerConfig c = new TransformerConfig(11, 4, 8, 1, 2, 4, 0.0, false, PositionEncoding.LEARNED);
        ComputationGraph graph = TransformerGraph.build(c, 43L);
        INDArray tokens = TestModels.randomTokens(2, c, 3L).castTo(DataType.DOUBLE);      // [mb, T]
        INDArray labels = TestModels.randomTokens(2, c, 4L).castTo(DataType.DOUBLE)
                .reshape(2, 1, c.seqLen());                                               // [mb, 1, T]
        INDArray weights = Nd4j.createFromArray(new double[][] {{0, 1, 2.5, 0.5}, {1, 0, 0, 3}}); // [mb, T]
        assertTrue(check(graph, tokens, labels, weights), "gradient check failed with a weighted label mask");
    }

    /** The scalar head's Bradley-Terry loss with reward centering, margins and padded rows reading other positions. */
    @ParameterizedTest
    @CsvSource({"LEARNED, true", "ROTARY, false"})
    void scalarHeadGradientsMatchFiniteDifferences(PositionEncoding positions, boolean bias) {
        TransformerConfig c = new TransformerConfig(11, 4, 8, 1, 2, 4, 0.0, false, positions, bias,
                HeadKind.SCALAR, 0.1);
        ComputationGraph graph = TransformerGraph.build(c, 44L);
        INDArray tokens = TestModels.randomTokens(4, c, 5L).castTo(DataType.DOUBLE);      // [mb, T]
        INDArray margins = Nd4j.createFromArray(new double[][] {{0.5}, {0}, {0}, {0}});   // [mb, 1]
        INDArray positionsRead = Nd4j.createFromArray(new double[][] {
            {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 1, 0, 0}, {0, 0, 0, 1}});                    // [mb, T] one-hot
        assertTrue(check(graph, tokens, margins, positionsRead), "scalar head gradient check failed for "
                + positions + ", bias " + bias);
    }

    /** A packed row of two conversations (positions restart, attention confined to each) with 0/1 weights. */
    @ParameterizedTest
    @CsvSource({"LEARNED, true", "ROTARY, false"})
    void packedRowGradientsMatchFiniteDifferences(PositionEncoding positions, boolean bias) {
        TransformerConfig c = new TransformerConfig(11, 4, 8, 1, 2, 4, 0.0, false, positions, bias);
        ComputationGraph graph = TransformerGraph.buildPacked(c, 45L);
        INDArray tokens = TestModels.randomTokens(2, c, 6L).castTo(DataType.DOUBLE);      // [mb, T]
        INDArray labels = TestModels.randomTokens(2, c, 7L).castTo(DataType.DOUBLE)
                .reshape(2, 1, c.seqLen());                                               // [mb, 1, T]
        INDArray rowPositions = Nd4j.createFromArray(new double[][] {{0, 1, 0, 1}, {0, 1, 2, 0}}); // [mb, T]
        INDArray weights = Nd4j.createFromArray(new double[][] {{1, 0, 1, 1}, {1, 1, 0, 1}});      // [mb, T]
        assertTrue(check(graph, new INDArray[] {tokens, rowPositions}, labels, weights),
                "packed gradient check failed for " + positions + ", bias " + bias);
    }

    private static boolean check(ComputationGraph graph, INDArray tokens, INDArray labels, INDArray labelMask) {
        return check(graph, new INDArray[] {tokens}, labels, labelMask);
    }

    private static boolean check(ComputationGraph graph, INDArray[] inputs, INDArray labels, INDArray labelMask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph)
                .inputs(inputs)
                .labels(new INDArray[] {labels})
                .labelMask(labelMask == null ? null : new INDArray[] {labelMask})
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .subset(true)
                .maxPerParam(1)
                .exitOnFirstError(false));
    }
}
