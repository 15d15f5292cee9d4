package dev.tumbler.model.transformer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's SameDiff layer runtime with the incoming error halved before backprop.
 *
 * <p>In DL4J/ND4J 1.0.0-M2.1 the layer's external-errors function counts the incoming epsilon twice (it is both
 * registered as the output's gradient and returned from {@code doDiff}, and the two are summed), so every parameter
 * and input gradient of a stock {@code SameDiffLayer} is exactly 2× the true gradient, compounding through stacked
 * layers. Measured against finite differences; {@code GradientCheckTest} guards this correction.
 */
class SingleEpsilonSameDiffLayerImpl extends SameDiffLayer {

    SingleEpsilonSameDiffLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray half = epsilon.mul(0.5);
        if (sameDiff == null || sameDiff.getFunction("grad") == null) {
            // The first backprop creates the gradient function, which prints a line per op.
            return QuietSameDiff.quietly(() -> super.backpropGradient(half, workspaceMgr));
        }
        return super.backpropGradient(half, workspaceMgr);
    }
}
