package dev.tumbler.model.generate;

import dev.tumbler.model.transformer.AttentionTables;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Incremental inference of the transformer with a key/value cache, in plain Java from {@link TransformerWeights}.
 * It holds {@code rows} independent sequences (K samples of one prompt, or several prompts); each call appends
 * tokens to rows and returns the next-token logits, computing only the new positions: the keys and values of earlier
 * positions are kept per layer. Not thread-safe.
 */
public final class KvCacheModel {
    private final TransformerWeights w;
    private final TransformerConfig c;
    private final int rows;
    private final float[][][] keys;    // [layer][row][T * d]
    private final float[][][] values;  // [layer][row][T * d]
    private final int[] lengths;
    private final float[] rotaryCos;   // [T, dh] or null
    private final float[] rotarySin;   // [T, dh] or null

    /** Calls that append at least this many tokens run their linear layers through sgemm ({@link BlasLinear}). */
    static final int SGEMM_ROWS = 8;

    /** An empty cache for {@code rows} sequences. */
    public KvCacheModel(TransformerWeights weights, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        this.w = weights;
        this.c = weights.config();
        this.rows = rows;
        int cacheLength = c.seqLen() * c.dModel();
        this.keys = new float[c.nLayers()][rows][cacheLength];
        this.values = new float[c.nLayers()][rows][cacheLength];
        this.lengths = new int[rows];
        if (c.positions() == PositionEncoding.ROTARY) {
            rotaryCos = AttentionTables.rotaryCos(c.seqLen(), c.headDim(), DataType.FLOAT).data().asFloat();
            rotarySin = AttentionTables.rotarySin(c.seqLen(), c.headDim(), DataType.FLOAT).data().asFloat();
        } else {
            rotaryCos = null;
            rotarySin = null;
        }
    }

    /** Tokens held for {@code row}. */
    public int length(int row) {
        return lengths[row];
    }

    /** The model whose keys and values this cache holds. */
    TransformerWeights weights() {
        return w;
    }

    /** Number of sequences held. */
    public int rows() {
        return rows;
    }

    /** Keeps only the first {@code length} positions of {@code row}; later appends overwrite the rest. */
    public void truncate(int row, int length) {
        if (length < 0 || length > lengths[row]) {
            throw new IllegalArgumentException("row " + row + " holds " + lengths[row] + " tokens; cannot keep "
                    + length);
        }
        lengths[row] = length;
    }

    /** The longest sequence a row can hold: the model's {@code seq_len}. */
    public int capacity() {
        return c.seqLen();
    }

    /** Makes row {@code to} a copy of row {@code from} (a prompt prefilled once, sampled K times). */
    public void copyRow(int from, int to) {
        copyRow(this, from, to);
    }

    /** Makes row {@code to} a copy of row {@code from} of {@code source}, a cache of the same model. */
    void copyRow(KvCacheModel source, int from, int to) {
        if (source.w != w) {
            throw new IllegalArgumentException("the source cache holds another model's keys and values");
        }
        int n = source.lengths[from] * c.dModel();
        for (int layer = 0; layer < c.nLayers(); layer++) {
            System.arraycopy(source.keys[layer][from], 0, keys[layer][to], 0, n);
            System.arraycopy(source.values[layer][from], 0, values[layer][to], 0, n);
        }
        lengths[to] = source.lengths[from];
    }

    /** Appends {@code tokens} to {@code row} and returns the logits {@code [V]} after the last of them. */
    public float[] prefill(int row, int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("prefill needs at least one token");
        }
        int[] rowOf = new int[tokens.length];
        java.util.Arrays.fill(rowOf, row);
        return append(rowOf, tokens)[tokens.length - 1];
    }

    /**
     * Appends {@code tokens[n]} to row {@code rowOf[n]}, in order (a row may appear several times: its entries
     * take consecutive positions). Returns the logits {@code [V]} after each entry that is the last of its row in
     * this call, null for the others.
     *
     * @throws IllegalStateException when a row would exceed {@link #capacity()}
     */
    public float[][] append(int[] rowOf, int[] tokens) {
        int n = tokens.length;
        int d = c.dModel();
        int[] pos = positionsFor(rowOf, tokens);
        float[] x = new float[n * d];                                     // [N, d] residual stream
        for (int e = 0; e < n; e++) {
            System.arraycopy(w.embedding(), tokens[e] * d, x, e * d, d);
            if (w.positions() != null) {
                for (int j = 0; j < d; j++) {
                    x[e * d + j] += w.positions()[pos[e] * d + j];
                }
            }
        }
        Scratch s = new Scratch(n, d, c.mlpHidden());
        for (int layer = 0; layer < c.nLayers(); layer++) {
            block(layer, rowOf, pos, x, s);
        }
        float[][] logits = new float[n][];
        float[] normed = new float[d];
        for (int e = 0; e < n; e++) {
            if (!lastOfRow(rowOf, e)) {
                continue;
            }
            float[] row = java.util.Arrays.copyOfRange(x, e * d, (e + 1) * d);
            Kernels.rmsNorm(row, 1, d, w.finalNorm(), normed);
            logits[e] = new float[c.vocabSize()];
            Kernels.linear(normed, 1, d, w.head(), w.headBias(), c.vocabSize(), logits[e]);
        }
        return logits;
    }

    private int[] positionsFor(int[] rowOf, int[] tokens) {
        if (rowOf.length != tokens.length) {
            throw new IllegalArgumentException("rowOf and tokens differ in length");
        }
        int[] pos = new int[tokens.length];
        int[] next = lengths.clone();
        for (int e = 0; e < tokens.length; e++) {
            int r = rowOf[e];
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("row " + r + " outside [0, " + rows + ")");
            }
            if (tokens[e] < 0 || tokens[e] >= c.vocabSize()) {
                throw new IllegalArgumentException("token id " + tokens[e] + " outside the vocabulary of "
                        + c.vocabSize());
            }
            if (next[r] >= c.seqLen()) {
                throw new IllegalStateException("row " + r + " is full: the model's context is " + c.seqLen()
                        + " tokens");
            }
            pos[e] = next[r]++;
        }
        System.arraycopy(next, 0, lengths, 0, rows);
        return pos;
    }

    private static boolean lastOfRow(int[] rowOf, int e) {
        for (int later = e + 1; later < rowOf.length; later++) {
            if (rowOf[later] == rowOf[e]) {
                return false;
            }
        }
        return true;
    }

    /** Work arrays of one call, reused by every layer. */
    private static final class Scratch {
        final float[] h;
        final float[] q;
        final float[] k;
        final float[] v;
        final float[] ctx;
        final float[] proj;
        final float[] hidden;

        Scratch(int n, int d, int mlp) {
            h = new float[n * d];
            q = new float[n * d];
            k = new float[n * d];
            v = new float[n * d];
            ctx = new float[n * d];
            proj = new float[n * d];
            hidden = new float[n * mlp];
        }
    }

    /** One pre-norm block on the residual stream {@code x [N, d]}, in place. */
    private void block(int layer, int[] rowOf, int[] pos, float[] x, Scratch s) {
        int n = rowOf.length;
        int d = c.dModel();
        int m = c.mlpHidden();
        TransformerWeights.Block b = w.block(layer);
        Kernels.rmsNorm(x, n, d, b.attnNorm(), s.h);
        linear(s.h, n, d, b.wq(), b.bq(), d, s.q);
        linear(s.h, n, d, b.wk(), b.bk(), d, s.k);
        linear(s.h, n, d, b.wv(), b.bv(), d, s.v);
        int dh = c.headDim();
        for (int e = 0; e < n; e++) {
            if (rotaryCos != null) {
                for (int head = 0; head < c.nHeads(); head++) {
                    Kernels.rotary(s.q, e * d + head * dh, dh, rotaryCos, rotarySin, pos[e] * dh);
                    Kernels.rotary(s.k, e * d + head * dh, dh, rotaryCos, rotarySin, pos[e] * dh);
                }
            }
            System.arraycopy(s.k, e * d, keys[layer][rowOf[e]], pos[e] * d, d);
            System.arraycopy(s.v, e * d, values[layer][rowOf[e]], pos[e] * d, d);
        }
        float[] scores = new float[c.seqLen()];
        for (int e = 0; e < n; e++) {
            attend(layer, rowOf[e], pos[e], s.q, e * d, s.ctx, scores);
        }
        linear(s.ctx, n, d, b.wo(), b.bo(), d, s.proj);
        Kernels.addInPlace(x, s.proj, n * d);
        Kernels.rmsNorm(x, n, d, b.mlpNorm(), s.h);
        linear(s.h, n, d, b.w1(), b.b1(), m, s.hidden);
        Kernels.gelu(s.hidden, n * m);
        linear(s.hidden, n, m, b.w2(), b.b2(), d, s.proj);
        Kernels.addInPlace(x, s.proj, n * d);
    }

    private void linear(float[] x, int rows, int in, float[] weights, float[] bias, int outDim, float[] out) {
        if (rows >= SGEMM_ROWS) {
            w.blas().apply(x, rows, in, weights, bias, outDim, out);
        } else {
            Kernels.linear(x, rows, in, weights, bias, outDim, out);
        }
    }

    /** Causal attention of the query at {@code qOff} (position {@code p}) over the row's cached keys 0..p. */
    private void attend(int layer, int row, int p, float[] q, int qOff, float[] ctx, float[] scores) {
        int d = c.dModel();
        int dh = c.headDim();
        float scale = (float) (1.0 / Math.sqrt(dh));
        float[] kc = keys[layer][row];
        float[] vc = values[layer][row];
        for (int head = 0; head < c.nHeads(); head++) {
            int ho = head * dh;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j <= p; j++) {
                scores[j] = Kernels.dot(q, qOff + ho, kc, j * d + ho, dh) * scale;
                max = Math.max(max, scores[j]);
            }
            float sum = 0f;
            for (int j = 0; j <= p; j++) {
                scores[j] = (float) Math.exp(scores[j] - max);
                sum += scores[j];
            }
            int co = qOff + ho;
            java.util.Arrays.fill(ctx, co, co + dh, 0f);
            for (int j = 0; j <= p; j++) {
                float weight = scores[j] / sum;
                int vo = j * d + ho;
                for (int t = 0; t < dh; t++) {
                    ctx[co + t] += weight * vc[vo + t];
                }
            }
        }
    }
}
