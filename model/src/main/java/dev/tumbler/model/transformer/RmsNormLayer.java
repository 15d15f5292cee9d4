package dev.tumbler.model.transformer;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/** RMSNorm over channels of NCW activations {@code [mb, d, T]}, with a learned gain (initialised to 1). */
public class RmsNormLayer extends CorrectedSameDiffLayer {
    public static final String GAIN = "gain";
    /** Epsilon added to the mean square before the inverse square root (every RMSNorm of the model). */
    public static final double EPS = 1e-5;

    @JsonProperty
    private int dModel;

    /** For JSON deserialisation only (DL4J serialises layer configs with its shaded Jackson). */
    private RmsNormLayer() {
    }

    /** A norm over {@code dModel} channels. */
    public RmsNormLayer(int dModel) {
        this.dModel = dModel;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> p, SDVariable mask) {
        SDVariable x = layerInput.permute(0, 2, 1);                                      // [mb, T, d]
        SDVariable normed = SdOps.rmsNorm(sd, x.reshape(-1, dModel), p.get(GAIN));      // [mb*T, d]
        return normed.reshape(x.shape()).permute(0, 2, 1);                              // [mb, d, T]
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addBiasParam(GAIN, 1, dModel);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(GAIN).assign(1.0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }
}
