package dev.tumbler.model.transformer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * The decoder's trunk: the {@code n_layers} pre-norm blocks ({@link DecoderBlock}) and the final RMSNorm, as
 * SameDiff parameters, their initialisation and their graph. Every {@link Head} reads its output, the final-norm
 * hidden state of each position; {@link DecoderLayer} puts trunk and head into one SameDiff layer.
 */
public final class DecoderTrunk {
    /** The final norm's gain {@code [1, d]}. */
    public static final String FINAL_NORM = "finalNorm";

    private final int dModel;
    private final int nHeads;
    private final int seqLen;
    private final int mlpHidden;
    private final int nLayers;
    private final PositionEncoding positions;
    private final boolean bias;
    private final boolean packed;

    DecoderTrunk(int dModel, int nHeads, int seqLen, int mlpHidden, int nLayers, PositionEncoding positions,
                 boolean bias, boolean packed) {
        this.packed = packed;
        this.dModel = dModel;
        this.nHeads = nHeads;
        this.seqLen = seqLen;
        this.mlpHidden = mlpHidden;
        this.nLayers = nLayers;
        this.positions = positions;
        this.bias = bias;
    }

    /** Parameter key of block {@code block}'s parameter {@code name} (DL4J keys must not contain "_"). */
    public static String blockParam(int block, String name) {
        return "b" + block + name;
    }

    /** Block {@code block}'s parameters out of the layer's table, keyed by the block's own names. */
    static <T> Map<String, T> blockParams(Map<String, T> table, int block) {
        Map<String, T> own = new LinkedHashMap<>();
        String prefix = blockParam(block, "");
        for (Map.Entry<String, T> e : table.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix) && !Character.isDigit(key.charAt(prefix.length()))) {
                own.put(key.substring(prefix.length()), e.getValue());
            }
        }
        return own;
    }

    /**
     * Adds the trunk's parameters. DL4J lays out the weight parameters first and then the bias parameters (norm
     * gains included), each group in the order they are added: the trunk adds its own before the head's, in the
     * order saved models hold (DecoderLayerTest pins it).
     */
    void defineParameters(SDLayerParams params) {
        for (int i = 0; i < nLayers; i++) {
            params.addBiasParam(blockParam(i, DecoderBlock.ATTN_NORM), 1, dModel);
            for (String w : new String[] {DecoderBlock.WQ, DecoderBlock.WK, DecoderBlock.WV, DecoderBlock.WO}) {
                params.addWeightParam(blockParam(i, w), dModel, dModel);
            }
            if (bias) {
                for (String b : new String[] {DecoderBlock.BQ, DecoderBlock.BK, DecoderBlock.BV, DecoderBlock.BO}) {
                    params.addBiasParam(blockParam(i, b), 1, dModel);
                }
            }
            params.addBiasParam(blockParam(i, DecoderBlock.MLP_NORM), 1, dModel);
            params.addWeightParam(blockParam(i, DecoderBlock.W1), dModel, mlpHidden);
            if (bias) {
                params.addBiasParam(blockParam(i, DecoderBlock.B1), 1, mlpHidden);
            }
            params.addWeightParam(blockParam(i, DecoderBlock.W2), mlpHidden, dModel);
            if (bias) {
                params.addBiasParam(blockParam(i, DecoderBlock.B2), 1, dModel);
            }
        }
        params.addBiasParam(FINAL_NORM, 1, dModel);
    }

    /** The names of the trunk's parameters in the decoder layer's table. */
    Set<String> paramNames() {
        SDLayerParams params = new SDLayerParams();
        defineParameters(params);
        return params.getParamShapes().keySet();
    }

    /**
     * GPT-2 initialisation: weights normal(0, 0.02), the residual projections ({@code wo}, {@code w2}) scaled by
     * 1/√(2·n_layers), norm gains 1, biases (if any) 0. Block {@code i} draws from seed {@code seed + 100 + i}.
     */
    void initializeParameters(Map<String, INDArray> params, long seed) {
        double residualStd = ParamInit.STD / Math.sqrt(2.0 * nLayers);
        for (int i = 0; i < nLayers; i++) {
            Random rng = ParamInit.random(seed + 100 + i);
            for (Map.Entry<String, INDArray> e : new TreeMap<>(blockParams(params, i)).entrySet()) {
                switch (e.getKey()) {
                    case DecoderBlock.ATTN_NORM, DecoderBlock.MLP_NORM -> e.getValue().assign(1.0);
                    case DecoderBlock.WQ, DecoderBlock.WK, DecoderBlock.WV, DecoderBlock.W1 ->
                            ParamInit.normal(e.getValue(), ParamInit.STD, rng);
                    case DecoderBlock.WO, DecoderBlock.W2 -> ParamInit.normal(e.getValue(), residualStd, rng);
                    default -> e.getValue().assign(0.0);
                }
            }
        }
        params.get(FINAL_NORM).assign(1.0);
    }

    /**
     * The final-norm hidden states {@code [mb*T, d]} (row {@code b*T + t}) of NCW input {@code [mb, d, T]}; for
     * packed rows of input {@code [mb, d + 1, T]}, whose last channel is each token's position within its
     * conversation ({@link DecoderBlock.Tables#packed}).
     */
    SDVariable hidden(SameDiff sd, SDVariable input, Map<String, SDVariable> p) {
        SDVariable embeddings = input;
        DecoderBlock.Tables tables;
        if (packed) {
            embeddings = input.get(SDIndex.all(), SDIndex.interval(0, dModel), SDIndex.all());   // [mb, d, T]
            tables = DecoderBlock.Tables.packed(sd, positionChannel(sd, input, dModel, seqLen), seqLen,
                    dModel / nHeads, positions, input.dataType());
        } else {
            tables = DecoderBlock.Tables.of(sd, seqLen, dModel / nHeads, positions, input.dataType());
        }
        SDVariable x = embeddings.permute(0, 2, 1).reshape(-1, dModel);                   // [mb*T, d]
        for (int i = 0; i < nLayers; i++) {
            x = DecoderBlock.apply(sd, x, blockParams(p, i), tables, seqLen, dModel, nHeads);
        }
        return SdOps.rmsNorm(sd, x, p.get(FINAL_NORM));                                    // [mb*T, d]
    }

    /** Channel {@code channel} of NCW {@code input}, {@code [mb, T]}, with no gradient path back to the input. */
    static SDVariable positionChannel(SameDiff sd, SDVariable input, int channel, int seqLen) {
        return SdOps.withoutGradient(sd, input.get(SDIndex.all(), SDIndex.point(channel), SDIndex.all())
                .reshape(-1, seqLen));
    }
}
