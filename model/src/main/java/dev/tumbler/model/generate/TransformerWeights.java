package dev.tumbler.model.generate;

import dev.tumbler.model.transformer.LearnedPositionLayer;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.DecoderBlock;
import dev.tumbler.model.transformer.DecoderLayer;
import dev.tumbler.model.transformer.HeadKind;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trained parameters of a {@link TransformerGraph} copied into plain row-major float arrays, the layout the
 * KV-cache inference path reads. Matrices are {@code [in, out]} (row i holds the weights from input i).
 */
public final class TransformerWeights {
    /** One block's parameters; the biases are null in a bias-free model. */
    public record Block(float[] attnNorm, float[] wq, float[] bq, float[] wk, float[] bk, float[] wv, float[] bv,
                        float[] wo, float[] bo, float[] mlpNorm, float[] w1, float[] b1, float[] w2, float[] b2) {
    }

    private final TransformerConfig config;
    private final float[] embedding;     // [V, d]
    private final float[] positions;     // [T, d], or null for rotary
    private final Block[] blocks;
    private final float[] finalNorm;     // [d]
    private final float[] head;          // [d, V]
    private final float[] headBias;      // [V], or null without biases
    private final BlasLinear blas = new BlasLinear(); // ND4J copies of the weight tables, made on first use

    private TransformerWeights(TransformerConfig config, float[] embedding, float[] positions, Block[] blocks,
                               float[] finalNorm, float[] head, float[] headBias) {
        this.config = config;
        this.embedding = embedding;
        this.positions = positions;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
        this.head = head;
        this.headBias = headBias;
    }

    /** Copies the parameters out of {@code graph}, checking every shape against {@code config}. */
    public static TransformerWeights from(ComputationGraph graph, TransformerConfig config) {
        if (config.head() != HeadKind.LM) {
            throw new IllegalArgumentException("the model's model.head is " + config.head() + "; generation reads"
                    + " models with the LM head only");
        }
        int d = config.dModel();
        int v = config.vocabSize();
        int t = config.seqLen();
        int m = config.mlpHidden();
        float[] embedding = param(graph, TransformerGraph.EMBEDDING, "W", (long) v * d);
        float[] positions = null;
        if (config.positions() == PositionEncoding.LEARNED) {
            float[] table = param(graph, TransformerGraph.POSITIONS, LearnedPositionLayer.TABLE, (long) d * t); // [d, T]
            positions = transpose(table, d, t);                                                                   // [T, d]
        }
        String decoder = TransformerGraph.DECODER;
        Block[] blocks = new Block[config.nLayers()];
        for (int i = 0; i < blocks.length; i++) {
            long dd = (long) d * d;
            int block = i;
            ParamReader p = (name, length) -> param(graph, decoder, DecoderLayer.blockParam(block, name), length);
            ParamReader b = (name, length) -> config.bias() ? p.read(name, length) : null;
            blocks[i] = new Block(
                    p.read(DecoderBlock.ATTN_NORM, d),
                    p.read(DecoderBlock.WQ, dd), b.read(DecoderBlock.BQ, d),
                    p.read(DecoderBlock.WK, dd), b.read(DecoderBlock.BK, d),
                    p.read(DecoderBlock.WV, dd), b.read(DecoderBlock.BV, d),
                    p.read(DecoderBlock.WO, dd), b.read(DecoderBlock.BO, d),
                    p.read(DecoderBlock.MLP_NORM, d),
                    p.read(DecoderBlock.W1, (long) d * m), b.read(DecoderBlock.B1, m),
                    p.read(DecoderBlock.W2, (long) m * d), b.read(DecoderBlock.B2, d));
        }
        return new TransformerWeights(config, embedding, positions, blocks,
                param(graph, decoder, DecoderLayer.FINAL_NORM, d),
                param(graph, decoder, DecoderLayer.HEAD_W, (long) d * v),
                config.bias() ? param(graph, decoder, DecoderLayer.HEAD_B, v) : null);
    }

    /** Reads one parameter of one block. */
    private interface ParamReader {
        float[] read(String name, long expectedLength);
    }

    private static float[] param(ComputationGraph graph, String layer, String name, long expectedLength) {
        if (graph.getLayer(layer) == null) {
            throw new IllegalArgumentException("the model has no layer '" + layer + "'");
        }
        Map<String, INDArray> table = graph.getLayer(layer).paramTable();
        INDArray p = table.get(name);
        if (p == null) {
            throw new IllegalArgumentException("layer '" + layer + "' has no parameter '" + name + "'");
        }
        if (p.length() != expectedLength) {
            throw new IllegalArgumentException("parameter " + layer + "." + name + " has shape "
                    + Arrays.toString(p.shape()) + ", expected " + expectedLength + " values for the model config");
        }
        return p.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] out = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }

    public TransformerConfig config() {
        return config;
    }

    /** The sgemm path for these weights, shared by every cache over them. */
    BlasLinear blas() {
        return blas;
    }

    /** {@code [V, d]} token embeddings. */
    float[] embedding() {
        return embedding;
    }

    /** {@code [T, d]} learned position table, or null with rotary positions. */
    float[] positions() {
        return positions;
    }

    Block block(int i) {
        return blocks[i];
    }

    float[] finalNorm() {
        return finalNorm;
    }

    /** {@code [d, V]} output projection. */
    float[] head() {
        return head;
    }

    /** {@code [V]} output bias, or null in a bias-free model. */
    float[] headBias() {
        return headBias;
    }
}
