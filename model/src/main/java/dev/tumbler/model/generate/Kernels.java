package dev.tumbler.model.generate;

import dev.tumbler.model.transformer.RmsNormLayer;

/**
 * Float kernels of the KV-cache inference path, on row-major arrays. They compute what the SameDiff layers compute
 * (same epsilon, same tanh GELU), so logits agree with the DL4J graph to float rounding.
 */
final class Kernels {
    private static final double GELU_C = Math.sqrt(2.0 / Math.PI);

    private Kernels() {
    }

    /** {@code out[N, o] = x[N, i] · w[i, o] + b[o]}. Loops run i outside n so a row of w is read once per call. */
    static void linear(float[] x, int rows, int in, float[] w, float[] b, int outDim, float[] out) {
        for (int n = 0; n < rows; n++) {
            System.arraycopy(b, 0, out, n * outDim, outDim);
        }
        for (int i = 0; i < in; i++) {
            int wRow = i * outDim;
            for (int n = 0; n < rows; n++) {
                float a = x[n * in + i];
                if (a == 0f) {
                    continue;
                }
                int o0 = n * outDim;
                for (int o = 0; o < outDim; o++) {
                    out[o0 + o] += a * w[wRow + o];
                }
            }
        }
    }

    /** RMSNorm of each of {@code rows} rows of width {@code d}, times {@code gain[d]}. */
    static void rmsNorm(float[] x, int rows, int d, float[] gain, float[] out) {
        for (int n = 0; n < rows; n++) {
            int o = n * d;
            float sumSq = 0f;
            for (int j = 0; j < d; j++) {
                float v = x[o + j];
                sumSq += v * v;
            }
            float inv = (float) (1.0 / Math.sqrt(sumSq / d + RmsNormLayer.EPS));
            for (int j = 0; j < d; j++) {
                out[o + j] = x[o + j] * inv * gain[j];
            }
        }
    }

    /** tanh GELU in place on the first {@code length} values. */
    static void gelu(float[] x, int length) {
        for (int j = 0; j < length; j++) {
            double v = x[j];
            double inner = (v * v * v * 0.044715 + v) * GELU_C;
            x[j] = (float) (0.5 * v * (1.0 + Math.tanh(inner)));
        }
    }

    /** {@code a[n] += b[n]} on the first {@code length} values. */
    static void addInPlace(float[] a, float[] b, int length) {
        for (int j = 0; j < length; j++) {
            a[j] += b[j];
        }
    }

    /**
     * Half-split rotary embedding of one head slice {@code x[off, off + dh)} at a position whose cos/sin rows start
     * at {@code tableOff}: {@code x·cos + rotate_half(x)·sin}, rotate_half(x) = concat(-x[half:], x[:half]).
     */
    static void rotary(float[] x, int off, int dh, float[] cos, float[] sin, int tableOff) {
        int half = dh / 2;
        for (int j = 0; j < half; j++) {
            float a = x[off + j];
            float b = x[off + j + half];
            x[off + j] = a * cos[tableOff + j] - b * sin[tableOff + j];
            x[off + j + half] = b * cos[tableOff + j + half] + a * sin[tableOff + j + half];
        }
    }
}
