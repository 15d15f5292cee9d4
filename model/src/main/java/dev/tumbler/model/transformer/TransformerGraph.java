package dev.tumbler.model.transformer;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Builds the decoder-only transformer as an initialised DL4J {@link ComputationGraph}.
 *
 * <p>Input {@value #INPUT}: token ids {@code [mb, T]} with T = {@code seq_len}. Output {@value #OUTPUT}: softmax
 * probabilities {@code [mb, vocab, T]} (NCW); labels are next-token ids {@code [mb, 1, T]} for
 * {@link LossSparseMCXENT}; the reported score is summed over time steps. Network data type is
 * {@code Nd4j.defaultFloatingPointType()}.
 */
public final class TransformerGraph {
    // Layer and parameter names contain no "_": DL4J splits gradient keys "layer_param" at the first "_".
    public static final String INPUT = "tokens";
    public static final String EMBEDDING = "embed";
    public static final String POSITIONS = "pos";
    public static final String DROPOUT = "embedDropout";
    /** Blocks, final norm, output projection and loss: one {@link DecoderLayer}, the graph's output. */
    public static final String DECODER = "decoder";

    private TransformerGraph() {
    }

    /** A graph without updater (NoOp) and without clipping; for inference, tests and gradient checks. */
    public static ComputationGraph build(TransformerConfig config, long seed) {
        return build(config, seed, new NoOp(), 0.0, 0.0);
    }

    /** As {@link #build(TransformerConfig, long, IUpdater, double, double)} without weight decay. */
    public static ComputationGraph build(TransformerConfig config, long seed, IUpdater updater, double gradientClip) {
        return build(config, seed, updater, 0.0, gradientClip);
    }

    /**
     * A trainable graph. DL4J M2.1 has no AdamW class: pass {@code Adam} and {@code weightDecay > 0} for AdamW-style
     * decoupled decay (DL4J {@code WeightDecay} regularisation, applied after the updater and scaled by the learning
     * rate) on weight matrices, embeddings and the position table only — not on biases and norm gains.
     * {@code gradientClip > 0} clips each layer's gradient to that L2 norm ({@code ClipL2PerLayer}: the decoder, all
     * blocks and the output projection, is one layer, so its clipping is by the norm of their joint gradient).
     */
    public static ComputationGraph build(TransformerConfig config, long seed, IUpdater updater,
                                         double weightDecay, double gradientClip) {
        ComputationGraph graph = new ComputationGraph(configuration(config, seed, updater, weightDecay, gradientClip));
        graph.init();
        return graph;
    }

    /** The graph configuration behind {@link #build}. */
    public static ComputationGraphConfiguration configuration(TransformerConfig config, long seed, IUpdater updater,
                                                              double weightDecay, double gradientClip) {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(Nd4j.defaultFloatingPointType())
                .updater(updater)
                .weightInit(new WeightInitDistribution(new NormalDistribution(0.0, ParamInit.STD)))
                .biasInit(0.0);
        if (weightDecay > 0) {
            global.weightDecay(weightDecay, true);
        }
        if (gradientClip > 0) {
            global.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(gradientClip);
        }
        int d = config.dModel();
        ComputationGraphConfiguration.GraphBuilder g = global.graphBuilder().addInputs(INPUT);
        // No setInputTypes: type inference would overwrite the embedding's nIn with 1.
        g.addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder()
                .nIn(config.vocabSize()).nOut(d)
                .hasBias(false)
                .inputLength(config.seqLen())
                .outputDataFormat(RNNFormat.NCW)
                .activation(Activation.IDENTITY)
                .build(), INPUT);                                                  // [mb, d, T]
        String last = EMBEDDING;
        if (config.positions() == PositionEncoding.LEARNED) {
            g.addLayer(POSITIONS, new LearnedPositionLayer(config, seed + 1), last);  // [mb, d, T]
            last = POSITIONS;
        }
        if (config.dropout() > 0) {
            // DL4J's dropOut takes the retain probability; active only in training.
            g.addLayer(DROPOUT, new DropoutLayer.Builder(1.0 - config.dropout()).build(), last);
            last = DROPOUT;
        }
        g.addLayer(DECODER, new DecoderLayer(config, seed), last);                  // [mb, V, T]
        return g.setOutputs(DECODER).build();
    }
}
