package dev.tumbler.model.transformer;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adds a learned {@code [d, T]} position table to NCW embeddings {@code [mb, d, T]}: column {@code t} at position
 * {@code t}. For packed rows the input is {@code [mb, d + 1, T]}, the embeddings and, as last channel, each token's
 * position within its conversation, and each token gets the column of its position (output {@code [mb, d, T]}); the
 * table is the same parameter either way.
 */
public class LearnedPositionLayer extends CorrectedSameDiffLayer {
    public static final String TABLE = "pos";

    @JsonProperty
    private int dModel;
    @JsonProperty
    private int seqLen;
    @JsonProperty
    private long seed;
    /** Packed rows (positions read from the input's last channel); false when absent from JSON. */
    @JsonProperty
    private boolean packed;

    /** For JSON deserialisation only (DL4J serialises layer configs with its shaded Jackson). */
    private LearnedPositionLayer() {
    }

    /** A table for {@code config.seqLen()} positions; {@code seed} makes the init reproducible. */
    public LearnedPositionLayer(TransformerConfig config, long seed) {
        this(config, seed, false);
    }

    /** As {@link #LearnedPositionLayer(TransformerConfig, long)}; {@code packed} for packed rows. */
    public LearnedPositionLayer(TransformerConfig config, long seed, boolean packed) {
        this.packed = packed;
        this.dModel = config.dModel();
        this.seqLen = config.seqLen();
        this.seed = seed;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> p, SDVariable mask) {
        if (!packed) {
            return layerInput.add(p.get(TABLE)); // [mb, d, T] + [d, T]
        }
        SDVariable embeddings = layerInput.get(SDIndex.all(), SDIndex.interval(0, dModel), SDIndex.all()); // [mb, d, T]
        SDVariable position = DecoderTrunk.positionChannel(sd, layerInput, dModel, seqLen).castTo(DataType.INT);
        SDVariable oneHot = sd.oneHot(position.reshape(-1), seqLen, 1, 1.0, 0.0, embeddings.dataType()); // [mb*T, T]
        SDVariable columns = sd.mmul(oneHot, p.get(TABLE), false, true, false)                   // [mb*T, d]
                .reshape(-1, seqLen, dModel).permute(0, 2, 1);                                      // [mb, d, T]
        return embeddings.add(columns);
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
