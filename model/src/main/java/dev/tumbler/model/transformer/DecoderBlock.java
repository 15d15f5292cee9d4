package dev.tumbler.model.transformer;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph of one pre-norm decoder block on rows {@code [mb*T, d]}: {@code x + Attn(RMSNorm(x))}, then
 * {@code x + MLP(RMSNorm(x))}, with causal multi-head self-attention (optionally rotary) and a GELU MLP.
 * {@link DecoderLayer} stacks {@code n_layers} of them; the parameter names here are a block's own, which the layer
 * prefixes with the block index. The bias parameters are absent in a bias-free model. For packed rows (several
 * conversations in one row) the mask and rotary tables come from each token's position within its conversation
 * ({@link Tables#packed}), so that no token attends across conversations.
 */
public final class DecoderBlock {
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

    private DecoderBlock() {
    }

    /**
     * What every block of one graph shares: the attention mask added to the scores ({@code [T, T]}, or
     * {@code [mb, 1, T, T]} for packed rows) and, with rotary positions, the cos/sin tables ({@code [T, dh]}, or
     * {@code [mb, 1, T, dh]} for packed rows) and the rotate-half matrix.
     */
    record Tables(SDVariable causal, SDVariable cos, SDVariable sin, SDVariable rotateHalf) {
        /** The constants of unpacked rows: the causal mask, and the rotary tables of positions 0..T-1. */
        static Tables of(SameDiff sd, int seqLen, int headDim, PositionEncoding positions, DataType type) {
            SDVariable causal = sd.constant(AttentionTables.causalMask(seqLen, type));            // [T, T]
            if (positions != PositionEncoding.ROTARY) {
                return new Tables(causal, null, null, null);
            }
            return new Tables(causal,
                    sd.constant(AttentionTables.rotaryCos(seqLen, headDim, type)),                 // [T, dh]
                    sd.constant(AttentionTables.rotarySin(seqLen, headDim, type)),                 // [T, dh]
                    sd.constant(AttentionTables.rotateHalf(headDim, type)));                       // [dh, dh]
        }

        /**
         * The tables of packed rows from {@code position [mb, T]}, each token's position within its conversation
         * (integer-valued, no gradient path): key j is visible to query i iff j <= i and both belong to the same
         * conversation, i.e. {@code i - position[i] == j - position[j]} (the index where the conversation starts);
         * rotary angles are those of {@code position}, rows of the same tables the unpacked graph uses.
         */
        static Tables packed(SameDiff sd, SDVariable position, int seqLen, int headDim, PositionEncoding positions,
                             DataType type) {
            SDVariable index = sd.constant(Nd4j.arange(seqLen).castTo(type).reshape(1, seqLen));   // [1, T]
            SDVariable start = index.sub(position);                                                 // [mb, T]
            SDVariable same = sd.eq(start.reshape(-1, seqLen, 1), start.reshape(-1, 1, seqLen))
                    .castTo(type);                                                                  // [mb, T, T] 1/0
            SDVariable causal = same.sub(1.0).mul(-AttentionTables.MASKED)                          // 0 or MASKED
                    .add(sd.constant(AttentionTables.causalMask(seqLen, type)))
                    .reshape(-1, 1, seqLen, seqLen);                                                // [mb, 1, T, T]
            if (positions != PositionEncoding.ROTARY) {
                return new Tables(causal, null, null, null);
            }
            SDVariable rows = position.castTo(DataType.INT);                                        // [mb, T]
            return new Tables(causal,
                    rowsOf(sd, AttentionTables.rotaryCos(seqLen, headDim, type), rows, seqLen, headDim),
                    rowsOf(sd, AttentionTables.rotarySin(seqLen, headDim, type), rows, seqLen, headDim),
                    sd.constant(AttentionTables.rotateHalf(headDim, type)));                       // [dh, dh]
        }

        /** Rows {@code rows [mb, T]} of the constant {@code table [T, dh]}, as {@code [mb, 1, T, dh]}. */
        private static SDVariable rowsOf(SameDiff sd, INDArray table, SDVariable rows, int seqLen, int headDim) {
            return sd.gather(sd.constant(table), rows, 0).reshape(-1, 1, seqLen, headDim);
        }
    }

    /** Block output {@code [mb*T, d]} for input rows {@code x [mb*T, d]}; {@code p} maps a block's own names. */
    static SDVariable apply(SameDiff sd, SDVariable x, Map<String, SDVariable> p, Tables tables,
                            int seqLen, int dModel, int nHeads) {
        int headDim = dModel / nHeads;
        SDVariable h = SdOps.rmsNorm(sd, x, p.get(ATTN_NORM));                           // [mb*T, d]
        // Q, K and V in one matmul of three times the width (the weights are concatenated in the graph, a copy of
        // 3·d² values, cheaper than three narrow matmuls), split into heads by one permute.
        SDVariable wqkv = sd.concat(1, p.get(WQ), p.get(WK), p.get(WV));                 // [d, 3d]
        SDVariable bqkv = p.containsKey(BQ) ? sd.concat(1, p.get(BQ), p.get(BK), p.get(BV)) : null; // [1, 3d]
        SDVariable[] qkv = sd.unstack(SdOps.linear(sd, h, wqkv, bqkv)                   // [mb*T, 3d]
                .reshape(-1, seqLen, 3, nHeads, headDim)                                 // [mb, T, 3, H, dh]
                .permute(2, 0, 3, 1, 4), 0, 3);                                          // 3 x [mb, H, T, dh]
        SDVariable q = qkv[0];
        SDVariable k = qkv[1];
        SDVariable v = qkv[2];
        if (tables.cos() != null) {
            q = rotary(q, tables, seqLen, nHeads, headDim);
            k = rotary(k, tables, seqLen, nHeads, headDim);
        }
        // Scale q ([mb, H, T, dh]) rather than the T/dh times larger scores; K^T through the matmul's
        // transpose flag rather than a permute op.
        SDVariable scores = sd.mmul(q.mul(1.0 / Math.sqrt(headDim)), k, false, true, false) // [mb, H, T, T]
                .add(tables.causal());
        SDVariable weights = sd.nn.softmax(scores, 3);                                    // [mb, H, T, T] over keys
        SDVariable context = weights.mmul(v)                                              // [mb, H, T, dh]
                .permute(0, 2, 1, 3)                                                      // [mb, T, H, dh]
                .reshape(-1, dModel);                                                     // [mb*T, d]
        x = x.add(SdOps.linear(sd, context, p.get(WO), p.get(BO)));                       // [mb*T, d]

        SDVariable m = SdOps.rmsNorm(sd, x, p.get(MLP_NORM));                            // [mb*T, d]
        SDVariable hidden = SdOps.gelu(sd, SdOps.linear(sd, m, p.get(W1), p.get(B1)));   // [mb*T, 4d]
        return x.add(SdOps.linear(sd, hidden, p.get(W2), p.get(B2)));                     // [mb*T, d]
    }

    /** {@code x·cos + rotate_half(x)·sin} on {@code [mb, H, T, dh]}. */
    private static SDVariable rotary(SDVariable x, Tables tables, int seqLen, int nHeads, int headDim) {
        SDVariable rotated = x.reshape(-1, headDim).mmul(tables.rotateHalf())
                .reshape(-1, nHeads, seqLen, headDim);                                    // [mb, H, T, dh]
        return x.mul(tables.cos()).add(rotated.mul(tables.sin()));
    }
}
