package dev.tumbler.model.generate;

import java.util.Arrays;

import dev.tumbler.model.transformer.DecoderLayer;

/**
 * Float kernels of the KV-cache inference path, on row-major arrays. They compute what the SameDiff layers compute
 * (same epsilon, same sigmoid-form GELU), so logits agree with the DL4J graph to float rounding.
 */
final class Kernels {
    /** The slope of the sigmoid form of GELU, x·σ(1.702·x), as ND4J's {@code gelu} op computes it. */
    private static final double GELU_SLOPE = 1.702;

    private Kernels() {
    }

    /**
     * {@code out[N, o] = x[N, i] · w[i, o] + b[o]} ({@code b} null: no bias), for the few rows of a decoding step
     * (more go through {@link BlasLinear}). Four rows of {@code w} at a time are streamed once, front to back, and
     * added into every output row: the product is bound by reading {@code w}, and one sequential pass with four
     * multiply-adds per load and store of {@code out} reads it 2-4x faster than column tiles did.
     */
    static void linear(float[] x, int rows, int in, float[] w, float[] b, int outDim, float[] out) {
        if (b == null) {
            Arrays.fill(out, 0, rows * outDim, 0f);
        } else {
            for (int n = 0; n < rows; n++) {
                System.arraycopy(b, 0, out, n * outDim, outDim);
            }
        }
        int i = 0;
        for (; i + 3 < in; i += 4) {
            int r0 = i * outDim;
            int r1 = r0 + outDim;
            int r2 = r1 + outDim;
            int r3 = r2 + outDim;
            for (int n = 0; n < rows; n++) {
                float a0 = x[n * in + i];
                float a1 = x[n * in + i + 1];
                float a2 = x[n * in + i + 2];
                float a3 = x[n * in + i + 3];
                int base = n * outDim;
                for (int o = 0; o < outDim; o++) {
                    out[base + o] += a0 * w[r0 + o] + a1 * w[r1 + o] + a2 * w[r2 + o] + a3 * w[r3 + o];
                }
            }
        }
        for (; i < in; i++) {
            int r0 = i * outDim;
            for (int n = 0; n < rows; n++) {
                float a = x[n * in + i];
                int base = n * outDim;
                for (int o = 0; o < outDim; o++) {
                    out[base + o] += a * w[r0 + o];
                }
            }
        }
    }

    /**
     * {@code a[aOff..aOff+n) · b[bOff..bOff+n)} in four partial sums: the JIT does not vectorize a single float sum
     * (it may not reorder the additions), so one accumulator waits on the previous add every step.
     */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            s0 += a[aOff + t] * b[bOff + t];
            s1 += a[aOff + t + 1] * b[bOff + t + 1];
            s2 += a[aOff + t + 2] * b[bOff + t + 2];
            s3 += a[aOff + t + 3] * b[bOff + t + 3];
        }
        for (; t < n; t++) {
            s0 += a[aOff + t] * b[bOff + t];
        }
        return (s0 + s1) + (s2 + s3);
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
            float inv = (float) (1.0 / Math.sqrt(sumSq / d + DecoderLayer.NORM_EPS));
            for (int j = 0; j < d; j++) {
                out[o + j] = x[o + j] * inv * gain[j];
            }
        }
    }

    /** GELU in place on the first {@code length} values: x·σ(1.702·x), the graph's form. */
    static void gelu(float[] x, int length) {
        for (int j = 0; j < length; j++) {
            double v = x[j];
            x[j] = (float) (v / (1.0 + Math.exp(-GELU_SLOPE * v)));
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
