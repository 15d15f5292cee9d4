package dev.tumbler.model.transformer;

import static dev.tumbler.model.transformer.DecoderBlock.*;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Plain-ND4J (no SameDiff) forward pass of the whole model, in double, for tests. */
final class TransformerReference {
    private TransformerReference() {
    }

    /** Softmax probabilities {@code [mb, V, T]} of {@code graph}'s parameters for token ids {@code [mb, T]}. */
    static INDArray probabilities(ComputationGraph graph, INDArray tokens, TransformerConfig c) {
        Map<String, INDArray> decoder = graph.getLayer(TransformerGraph.DECODER).paramTable();
        INDArray hidden = hidden(graph, tokens, c);                                                       // [mb, T, d]
        long mb = tokens.size(0);
        INDArray out = Nd4j.create(DataType.DOUBLE, mb, c.vocabSize(), c.seqLen());
        for (int b = 0; b < mb; b++) {
            INDArray z = linear(hidden.slice(b), decoder, DecoderLayer.HEAD_W, DecoderLayer.HEAD_B); // [T, V]
            INDArray e = Transforms.exp(z.subColumnVector(z.max(true, 1)));
            out.slice(b).assign(e.divColumnVector(e.sum(true, 1)).transpose());
        }
        return out;
    }

    /** The trunk's final-norm hidden states {@code [mb, T, d]} of {@code graph} for token ids {@code [mb, T]}. */
    static INDArray hidden(ComputationGraph graph, INDArray tokens, TransformerConfig c) {
        INDArray embedding = graph.getLayer(TransformerGraph.EMBEDDING).getParam("W").castTo(DataType.DOUBLE); // [V, d]
        Map<String, INDArray> decoder = graph.getLayer(TransformerGraph.DECODER).paramTable();
        long mb = tokens.size(0);
        INDArray x = Nd4j.create(DataType.DOUBLE, mb, c.dModel(), c.seqLen());                               // [mb, d, T]
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < c.seqLen(); t++) {
                x.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t))
                        .assign(embedding.getRow(tokens.getInt(b, t)));
            }
        }
        if (c.positions() == PositionEncoding.LEARNED) {
            INDArray table = graph.getLayer(TransformerGraph.POSITIONS).getParam(LearnedPositionLayer.TABLE); // [d, T]
            for (int b = 0; b < mb; b++) {
                x.slice(b).addi(table.castTo(DataType.DOUBLE));
            }
        }
        for (int i = 0; i < c.nLayers(); i++) {
            x = block(x, DecoderLayer.blockParams(decoder, i), c);
        }
        INDArray out = Nd4j.create(DataType.DOUBLE, mb, c.seqLen(), c.dModel());
        for (int b = 0; b < mb; b++) {
            out.slice(b).assign(rmsNorm(x.slice(b).transpose().dup(), d(decoder, DecoderLayer.FINAL_NORM))); // [T, d]
        }
        return out;
    }

    /** One block on NCW input {@code [mb, d, T]} with the block's parameter table; returns {@code [mb, d, T]}. */
    static INDArray block(INDArray input, Map<String, INDArray> p, TransformerConfig c) {
        INDArray in = input.castTo(DataType.DOUBLE);
        long mb = in.size(0);
        INDArray out = Nd4j.create(DataType.DOUBLE, in.shape());
        for (int b = 0; b < mb; b++) {
            INDArray x = in.slice(b).transpose().dup();                               // [T, d]
            INDArray attn = attention(rmsNorm(x, d(p, ATTN_NORM)), p, c);              // [T, d]
            x = x.add(attn);
            INDArray h = linear(rmsNorm(x, d(p, MLP_NORM)), p, W1, B1); // [T, 4d]
            INDArray mlp = linear(gelu(h), p, W2, B2);              // [T, d]
            out.slice(b).assign(x.add(mlp).transpose());
        }
        return out;
    }

    /** RMSNorm over rows of {@code [T, d]} with gain {@code [1, d]}. */
    static INDArray rmsNorm(INDArray x, INDArray gain) {
        INDArray ms = x.mul(x).mean(true, 1);                                       // [T, 1]
        INDArray inv = Transforms.pow(ms.add(DecoderLayer.NORM_EPS), -0.5);                     // [T, 1]
        return x.mulColumnVector(inv).mulRowVector(gain);
    }

    /** Causal multi-head attention of normalised rows {@code [T, d]}, including the output projection. */
    static INDArray attention(INDArray h, Map<String, INDArray> p, TransformerConfig c) {
        int T = (int) h.size(0);
        int dh = c.headDim();
        INDArray q = linear(h, p, WQ, BQ);                        // [T, d]
        INDArray k = linear(h, p, WK, BK);
        INDArray v = linear(h, p, WV, BV);
        INDArray context = Nd4j.create(DataType.DOUBLE, T, c.dModel());
        for (int head = 0; head < c.nHeads(); head++) {
            INDArrayIndex cols = NDArrayIndex.interval(head * dh, (head + 1) * dh);
            INDArray qh = q.get(NDArrayIndex.all(), cols).dup();                     // [T, dh]
            INDArray kh = k.get(NDArrayIndex.all(), cols).dup();
            INDArray vh = v.get(NDArrayIndex.all(), cols).dup();
            if (c.positions() == PositionEncoding.ROTARY) {
                qh = rotary(qh, dh);
                kh = rotary(kh, dh);
            }
            INDArray scores = qh.mmul(kh.transpose()).muli(1.0 / Math.sqrt(dh));    // [T, T]
            for (int i = 0; i < T; i++) {
                for (int j = 0; j < T; j++) {
                    if (j > i) {
                        scores.putScalar(i, j, Double.NEGATIVE_INFINITY);
                    }
                }
                INDArray row = scores.getRow(i);
                INDArray e = Transforms.exp(row.sub(row.maxNumber().doubleValue()));
                scores.putRow(i, e.div(e.sumNumber().doubleValue()));
            }
            context.get(NDArrayIndex.all(), cols).assign(scores.mmul(vh));
        }
        return linear(context, p, WO, BO);
    }

    /** Half-split rotary embedding of {@code [T, dh]} rows, written out per element. */
    static INDArray rotary(INDArray x, int dh) {
        int half = dh / 2;
        INDArray out = x.dup();
        for (int t = 0; t < x.size(0); t++) {
            for (int j = 0; j < half; j++) {
                double theta = t * Math.pow(AttentionTables.ROTARY_BASE, -2.0 * j / dh);
                double a = x.getDouble(t, j);
                double b = x.getDouble(t, j + half);
                out.putScalar(t, j, a * Math.cos(theta) - b * Math.sin(theta));
                out.putScalar(t, j + half, b * Math.cos(theta) + a * Math.sin(theta));
            }
        }
        return out;
    }

    /** GELU, sigmoid form: x·σ(1.702·x). */
    static INDArray gelu(INDArray x) {
        return x.mul(Transforms.sigmoid(x.mul(1.702)));
    }

    /** {@code x·p[w] + p[b]}, without the bias when the table has none (a bias-free model). */
    static INDArray linear(INDArray x, Map<String, INDArray> p, String w, String b) {
        INDArray y = x.mmul(d(p, w));
        return p.containsKey(b) ? y.addiRowVector(d(p, b)) : y;
    }

    private static INDArray d(Map<String, INDArray> p, String key) {
        return p.get(key).castTo(DataType.DOUBLE);
    }
}
