package dev.tumbler.model.transformer;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/** Adds a learned {@code [d, T]} position table to NCW embeddings {@code [mb, d, T]}. */
public class LearnedPositionLayer extends CorrectedSameDiffLayer {
    public static final String TABLE = "pos";

    @JsonProperty
    private int dModel;
    @JsonProperty
    private int seqLen;
    @JsonProperty
    private long seed;

    /** For JSON deserialisation only (DL4J serialises layer configs with its shaded Jackson). */
    private LearnedPositionLayer() {
    }

    /** A table for {@code config.seqLen()} positions; {@code seed} makes the init reproducible. */
    public LearnedPositionLayer(TransformerConfig config, long seed) {
        this.dModel = config.dModel();
        this.seqLen = config.seqLen();
        this.seed = seed;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> p, SDVariable mask) {
        return layerInput.add(p.get(TABLE)); // [mb, d, T] + [d, T]
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(TABLE, dModel, seqLen);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        ParamInit.normal(params.get(TABLE), ParamInit.STD, ParamInit.random(seed));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(dModel, seqLen);
    }
}
