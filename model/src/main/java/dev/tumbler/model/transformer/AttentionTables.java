package dev.tumbler.model.transformer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Constant tables of causal attention: the causal mask and the rotary cos/sin tables and rotate-half matrix. */
public final class AttentionTables {
    /** Added to the scores of future keys; large enough that exp() is exactly 0 after the max shift. */
    public static final double MASKED = -1e9;
    /** Rotary frequency base (as in RoFormer / GPT-NeoX). */
    public static final double ROTARY_BASE = 10000.0;

    private AttentionTables() {
    }

    /** {@code [T, T]}: 0 where key j ≤ query i, {@link #MASKED} above the diagonal. */
    public static INDArray causalMask(int seqLen, DataType type) {
        double[][] m = new double[seqLen][seqLen];
        for (int i = 0; i < seqLen; i++) {
            for (int j = i + 1; j < seqLen; j++) {
                m[i][j] = MASKED;
            }
        }
        return Nd4j.create(m).castTo(type);
    }

    /** {@code [T, dh]}: cos(t·θ_k) with θ_k = base^(-2k/dh), k = j mod dh/2 (half-split layout). */
    public static INDArray rotaryCos(int seqLen, int headDim, DataType type) {
        return rotaryTable(seqLen, headDim, true).castTo(type);
    }

    /** {@code [T, dh]}: sin(t·θ_k), same layout as {@link #rotaryCos}. */
    public static INDArray rotarySin(int seqLen, int headDim, DataType type) {
        return rotaryTable(seqLen, headDim, false).castTo(type);
    }

    private static INDArray rotaryTable(int seqLen, int headDim, boolean cos) {
        int half = headDim / 2;
        double[][] t = new double[seqLen][headDim];
        for (int pos = 0; pos < seqLen; pos++) {
            for (int j = 0; j < headDim; j++) {
                double theta = Math.pow(ROTARY_BASE, -2.0 * (j % half) / headDim);
                t[pos][j] = cos ? Math.cos(pos * theta) : Math.sin(pos * theta);
            }
        }
        return Nd4j.create(t);
    }

    /**
     * {@code [dh, dh]} matrix R with {@code x·R = rotate_half(x) = concat(-x[half:], x[:half])}, so rotary is
     * {@code x·cos + (x·R)·sin} without slicing.
     */
    public static INDArray rotateHalf(int headDim, DataType type) {
        int half = headDim / 2;
        double[][] r = new double[headDim][headDim];
        for (int j = 0; j < half; j++) {
            r[j + half][j] = -1.0; // out[j] = -x[j + half]
            r[j][j + half] = 1.0;  // out[j + half] = x[j]
        }
        return Nd4j.create(r).castTo(type);
    }
}
