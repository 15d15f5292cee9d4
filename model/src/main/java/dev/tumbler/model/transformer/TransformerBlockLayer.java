package dev.tumbler.model.transformer;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.linalg.api.rng.Random;

/**
 * One pre-norm decoder block as a DL4J SameDiff layer ({@link CorrectedSameDiffLayer}): {@code x + Attn(RMSNorm(x))}, then
 * {@code x + MLP(RMSNorm(x))}. Causal multi-head self-attention (optionally rotary), GELU MLP.
 * Input and output are NCW {@code [mb, d, T]} with T fixed to {@code seq_len}.
 */
public class TransformerBlockLayer extends CorrectedSameDiffLayer {
    public static final String ATTN_NORM = "attnNorm";
    public static final String WQ = "wq";
    public static final String BQ = "bq";
    public static final String WK = "wk";
    public static final String BK = "bk";
    public static final String WV = "wv";
    public static final String BV = "bv";
    public static final String WO = "wo";
    public static final String BO = "bo";
    public static final String MLP_NORM = "mlpNorm";
    public static final String W1 = "w1";
    public static final String B1 = "b1";
    public static final String W2 = "w2";
    public static final String B2 = "b2";

    @JsonProperty
    private int dModel;
    @JsonProperty
    private int nHeads;
    @JsonProperty
    private int seqLen;
    @JsonProperty
    private int mlpHidden;
    @JsonProperty
    private int nLayers;
    @JsonProperty
    private PositionEncoding positions;
    @JsonProperty
    private long seed;

    /** For JSON deserialisation only (DL4J serialises layer configs with its shaded Jackson). */
    private TransformerBlockLayer() {
    }

    /** A block of a model shaped by {@code config}; {@code seed} (distinct per block) makes the init reproducible. */
    public TransformerBlockLayer(TransformerConfig config, long seed) {
        this.dModel = config.dModel();
        this.nHeads = config.nHeads();
        this.seqLen = config.seqLen();
        this.mlpHidden = config.mlpHidden();
        this.nLayers = config.nLayers();
        this.positions = config.positions();
        this.seed = seed;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> p, SDVariable mask) {
        int headDim = dModel / nHeads;
        DataType type = layerInput.dataType();
        SDVariable x = layerInput.permute(0, 2, 1).reshape(-1, dModel);                  // [mb*T, d]

        SDVariable h = SdOps.rmsNorm(sd, x, p.get(ATTN_NORM));                           // [mb*T, d]
        // Q, K and V in one matmul of three times the width (the weights are concatenated in the graph, a copy of
        // 3·d² values, cheaper than three narrow matmuls), split into heads by one permute.
        SDVariable wqkv = sd.concat(1, p.get(WQ), p.get(WK), p.get(WV));                 // [d, 3d]
        SDVariable bqkv = sd.concat(1, p.get(BQ), p.get(BK), p.get(BV));                 // [1, 3d]
        SDVariable[] qkv = sd.unstack(SdOps.linear(sd, h, wqkv, bqkv)                   // [mb*T, 3d]
                .reshape(-1, seqLen, 3, nHeads, headDim)                                 // [mb, T, 3, H, dh]
                .permute(2, 0, 3, 1, 4), 0, 3);                                          // 3 x [mb, H, T, dh]
        SDVariable q = qkv[0];
        SDVariable k = qkv[1];
        SDVariable v = qkv[2];
        if (positions == PositionEncoding.ROTARY) {
            SDVariable cos = sd.constant(AttentionTables.rotaryCos(seqLen, headDim, type)); // [T, dh]
            SDVariable sin = sd.constant(AttentionTables.rotarySin(seqLen, headDim, type)); // [T, dh]
            SDVariable rot = sd.constant(AttentionTables.rotateHalf(headDim, type));        // [dh, dh]
            q = rotary(q, cos, sin, rot, headDim);
            k = rotary(k, cos, sin, rot, headDim);
        }
        SDVariable causal = sd.constant(AttentionTables.causalMask(seqLen, type));        // [T, T]
        // Scale q ([mb, H, T, dh]) rather than the T/dh times larger scores; K^T through the matmul's
        // transpose flag rather than a permute op.
        SDVariable scores = sd.mmul(q.mul(1.0 / Math.sqrt(headDim)), k, false, true, false) // [mb, H, T, T]
                .add(causal);
        SDVariable weights = sd.nn.softmax(scores, 3);                                    // [mb, H, T, T] over keys
        SDVariable context = weights.mmul(v)                                              // [mb, H, T, dh]
                .permute(0, 2, 1, 3)                                                      // [mb, T, H, dh]
                .reshape(-1, dModel);                                                     // [mb*T, d]
        x = x.add(SdOps.linear(sd, context, p.get(WO), p.get(BO)));                       // [mb*T, d]

        SDVariable m = SdOps.rmsNorm(sd, x, p.get(MLP_NORM));                            // [mb*T, d]
        SDVariable hidden = SdOps.gelu(sd, SdOps.linear(sd, m, p.get(W1), p.get(B1)));       // [mb*T, 4d]
        x = x.add(SdOps.linear(sd, hidden, p.get(W2), p.get(B2)));                        // [mb*T, d]
        return x.reshape(-1, seqLen, dModel).permute(0, 2, 1);                            // [mb, d, T]
    }

    /** {@code x·cos + rotate_half(x)·sin} on {@code [mb, H, T, dh]}. */
    private SDVariable rotary(SDVariable x, SDVariable cos, SDVariable sin, SDVariable rot, int headDim) {
        SDVariable rotated = x.reshape(-1, headDim).mmul(rot).reshape(-1, nHeads, seqLen, headDim); // [mb, H, T, dh]
        return x.mul(cos).add(rotated.mul(sin));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addBiasParam(ATTN_NORM, 1, dModel);
        for (String w : new String[] {WQ, WK, WV, WO}) {
            params.addWeightParam(w, dModel, dModel);
        }
        for (String b : new String[] {BQ, BK, BV, BO}) {
            params.addBiasParam(b, 1, dModel);
        }
        params.addBiasParam(MLP_NORM, 1, dModel);
        params.addWeightParam(W1, dModel, mlpHidden);
        params.addBiasParam(B1, 1, mlpHidden);
        params.addWeightParam(W2, mlpHidden, dModel);
        params.addBiasParam(B2, 1, dModel);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        Random rng = ParamInit.random(seed);
        double residualStd = ParamInit.STD / Math.sqrt(2.0 * nLayers);
        for (Map.Entry<String, INDArray> e : new java.util.TreeMap<>(params).entrySet()) {
            switch (e.getKey()) {
                case ATTN_NORM, MLP_NORM -> e.getValue().assign(1.0);
                case WQ, WK, WV, W1 -> ParamInit.normal(e.getValue(), ParamInit.STD, rng);
                case WO, W2 -> ParamInit.normal(e.getValue(), residualStd, rng);
                default -> e.getValue().assign(0.0);
            }
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(dModel, seqLen);
    }
}
