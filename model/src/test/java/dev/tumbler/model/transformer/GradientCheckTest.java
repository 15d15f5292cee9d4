package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
    @EnumSource(PositionEncoding.class)
    void gradientsMatchFiniteDifferences(PositionEncoding positions) {
        TransformerConfig c = new TransformerConfig(11, 4, 8, 1, 2, 4, 0.0, false, positions);
        ComputationGraph graph = TransformerGraph.build(c, 42L);
        INDArray tokens = TestModels.randomTokens(1, c, 1L).castTo(DataType.DOUBLE);      // [mb, T]
        INDArray labels = TestModels.randomTokens(1, c, 2L).castTo(DataType.DOUBLE)
                .reshape(1, 1, c.seqLen());                                               // [mb, 1, T]
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph)
                .inputs(new INDArray[] {tokens})
                .labels(new INDArray[] {labels})
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .subset(true)
                .maxPerParam(1)
                .exitOnFirstError(false));
        assertTrue(ok, "gradient check failed for " + positions);
    }
}
