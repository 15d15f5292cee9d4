package dev.tumbler.model.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** SameDiff building blocks shared by the custom layers. All reduction axes are explicit and non-negative. */
final class SdOps {
    /** RMSNorm epsilon. */
    static final double EPS = RmsNormLayer.EPS;
    /** sqrt(2/π) of the tanh GELU approximation. */
    private static final double GELU_C = Math.sqrt(2.0 / Math.PI);

    private SdOps() {
    }

    /** RMSNorm over the last axis of a rank-3 {@code [mb, T, d]} input with gain {@code [1, d]}. */
    static SDVariable rmsNorm(SameDiff sd, SDVariable x, SDVariable gain) {
        SDVariable meanSquare = x.mul(x).mean(true, 2);               // [mb, T, 1]
        SDVariable inv = sd.math.rsqrt(meanSquare.add(EPS));          // [mb, T, 1]
        return x.mul(inv).mul(gain);                                  // [mb, T, d]
    }

    /** GELU, tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    static SDVariable gelu(SameDiff sd, SDVariable x) {
        SDVariable inner = x.mul(x).mul(x).mul(0.044715).add(x).mul(GELU_C);
        return sd.math.tanh(inner).add(1.0).mul(x).mul(0.5);
    }

    /** {@code [n, in] × [in, out] + [1, out]}. */
    static SDVariable linear(SDVariable x, SDVariable w, SDVariable b) {
        return x.mmul(w).add(b);
    }
}
