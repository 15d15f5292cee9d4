package dev.tumbler.model.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** SameDiff building blocks shared by the custom layers. All reduction axes are explicit and non-negative. */
final class SdOps {
    /** RMSNorm epsilon. */
    static final double EPS = RmsNormLayer.EPS;

    private SdOps() {
    }

    /** RMSNorm over the last axis of a rank-3 {@code [mb, T, d]} input with gain {@code [1, d]}. */
    static SDVariable rmsNorm(SameDiff sd, SDVariable x, SDVariable gain) {
        SDVariable meanSquare = x.mul(x).mean(true, 2);               // [mb, T, 1]
        SDVariable inv = sd.math.rsqrt(meanSquare.add(EPS));          // [mb, T, 1]
        return x.mul(inv).mul(gain);                                  // [mb, T, d]
    }

    /**
     * GELU, sigmoid form x·σ(1.702·x) (Hendrycks and Gimpel's second approximation), as ND4J's one fused
     * {@code gelu} op and its derivative op. The tanh form cost nine element-wise ops forward and nine
     * backward on the largest activation of the block; ND4J's {@code precise_gelu} is not the tanh form
     * (it drops the cubic term), see docs/dl4j-findings.md.
     */
    static SDVariable gelu(SameDiff sd, SDVariable x) {
        return sd.nn.gelu(x);
    }

    /** {@code [n, in] × [in, out] + [1, out]} as one fused {@code xw_plus_b} op (and one backprop op). */
    static SDVariable linear(SameDiff sd, SDVariable x, SDVariable w, SDVariable b) {
        return sd.nn.linear(x, w, b.reshape(-1));
    }
}
