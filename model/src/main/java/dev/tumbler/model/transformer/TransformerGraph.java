package dev.tumbler.model.transformer;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Builds the decoder-only transformer as an initialised DL4J {@link ComputationGraph}.
 *
 * <p>Input {@value #INPUT}: token ids {@code [mb, T]} with T = {@code seq_len}. Output {@value #DECODER}: what the
 * config's head ({@code model.head}) gives: with the LM head softmax probabilities {@code [mb, vocab, T]} (NCW),
 * labels next-token ids {@code [mb, 1, T]} and a score summed over time steps ({@link LmHead}); with the scalar head
 * rewards {@code [mb, 1]} ({@link ScalarHead}). Network data type is {@code Nd4j.defaultFloatingPointType()}.
 *
 * <p>Packed rows ({@link #buildPacked}, for supervised fine-tuning on several conversations per row) add a second
 * input {@value #POSITION_INPUT} {@code [mb, T]}: each token's position within its conversation (0 at its
 * {@code <|bos|>}, then 1, 2, ...; integer-valued floats). It restarts the learned position lookup or the rotary
 * angles at each conversation, and the attention mask lets query i see key j iff {@code j <= i} and both are in the
 * same conversation ({@code i - position[i] == j - position[j]}), so no logit depends on another conversation of the
 * row. The packed graph has the same layers and parameters as the unpacked one ({@link #copyParams} moves them
 * either way): it routes the positions as an extra channel ({@code MergeVertex}) into the learned position table and
 * the decoder. A row that holds one conversation with positions 0..T-1 gives the unpacked graph's outputs.
 * {@code data.PackedRows} builds such rows.
 */
public final class TransformerGraph {
    // Layer and parameter names contain no "_": DL4J splits gradient keys "layer_param" at the first "_".
    public static final String INPUT = "tokens";
    public static final String EMBEDDING = "embed";
    public static final String POSITIONS = "pos";
    public static final String DROPOUT = "embedDropout";
    /** Trunk (blocks, final norm) and head (its projection and loss): one {@link DecoderLayer}, the graph's output. */
    public static final String DECODER = "decoder";
    /** Packed graphs' second input: each token's position within its conversation, {@code [mb, T]}. */
    public static final String POSITION_INPUT = "positions";
    /** Packed graphs: {@value #POSITION_INPUT} as one NCW channel {@code [mb, 1, T]}. */
    static final String POSITION_CHANNEL = "positionChannel";
    /** Packed graphs with learned positions: the embeddings and the position channel, input of {@value #POSITIONS}. */
    static final String EMBED_WITH_POSITIONS = "embedWithPositions";
    /** Packed graphs: the decoder's input, the (position-added, dropped-out) embeddings and the position channel. */
    static final String DECODER_INPUT = "decoderInput";

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

    /** A packed-row graph ({@link #POSITION_INPUT}) without updater and without clipping. */
    public static ComputationGraph buildPacked(TransformerConfig config, long seed) {
        return buildPacked(config, seed, new NoOp(), 0.0, 0.0);
    }

    /**
     * As {@link #build(TransformerConfig, long, IUpdater, double, double)} for packed rows: inputs {@value #INPUT}
     * {@code [mb, T]} and {@value #POSITION_INPUT} {@code [mb, T]} (in that order), the same layers, parameters and
     * initialisation from {@code seed}. LM head only.
     */
    public static ComputationGraph buildPacked(TransformerConfig config, long seed, IUpdater updater,
                                               double weightDecay, double gradientClip) {
        ComputationGraph graph = new ComputationGraph(
                packedConfiguration(config, seed, updater, weightDecay, gradientClip));
        graph.init();
        return graph;
    }

    /**
     * A packed-row graph holding all of {@code source}'s parameters (packed or not, e.g. a pretrained base model for
     * supervised fine-tuning on packed rows); updater state starts fresh.
     */
    public static ComputationGraph buildPackedWithParamsOf(ComputationGraph source, TransformerConfig config,
                                                           IUpdater updater, double weightDecay,
                                                           double gradientClip) {
        ComputationGraph graph = buildPacked(config, 0L, updater, weightDecay, gradientClip);
        copyParams(source, graph);
        return graph;
    }

    /**
     * An unpacked graph holding all of {@code source}'s parameters (packed or not, e.g. a model fine-tuned on
     * packed rows, for evaluation on single conversations); updater state starts fresh.
     */
    public static ComputationGraph buildWithParamsOf(ComputationGraph source, TransformerConfig config,
                                                     IUpdater updater, double weightDecay, double gradientClip) {
        ComputationGraph graph = build(config, 0L, updater, weightDecay, gradientClip);
        copyParams(source, graph);
        return graph;
    }

    /** Whether {@code graph} reads packed rows (has the input {@value #POSITION_INPUT}). */
    public static boolean isPacked(ComputationGraph graph) {
        return graph.getConfiguration().getNetworkInputs().contains(POSITION_INPUT);
    }

    /**
     * Copies every parameter (trunk and head) of {@code from} into {@code to}; packed and unpacked graphs of the
     * same config hold the same parameters. Refused, by name, when the heads or the trunks differ.
     */
    public static void copyParams(ComputationGraph from, ComputationGraph to) {
        HeadKind fromHead = ((DecoderLayer) from.getLayer(DECODER).conf().getLayer()).headKind();
        DecoderLayer decoder = (DecoderLayer) to.getLayer(DECODER).conf().getLayer();
        if (fromHead != decoder.headKind()) {
            throw new IllegalArgumentException("copyParams: the source model's model.head is " + fromHead
                    + " and the target's " + decoder.headKind() + " (copyTrunk copies the trunk alone)");
        }
        copyTrunk(from, to);
        Set<String> head = new LinkedHashSet<>(to.getLayer(DECODER).paramTable().keySet());
        head.removeAll(decoder.trunkParamNames());
        copyLayer(from, to, DECODER, head);
    }

    /**
     * A fresh graph shaped by {@code config} whose trunk (embedding, positions, blocks and final norm) holds
     * {@code source}'s parameters and whose head is initialised from {@code seed}: the reward model ({@code config}
     * with the scalar head) started from an SFT model. Updater state starts fresh.
     */
    public static ComputationGraph buildWithTrunkOf(ComputationGraph source, TransformerConfig config, long seed,
                                                    IUpdater updater, double weightDecay, double gradientClip) {
        ComputationGraph graph = build(config, seed, updater, weightDecay, gradientClip);
        copyTrunk(source, graph);
        return graph;
    }

    /**
     * Copies the trunk parameters (token embedding, learned position table, every block and the final norm) of
     * {@code from} into {@code to}, leaving {@code to}'s head as it is. The two graphs may carry different heads but
     * must have the same trunk: a parameter that is missing from {@code from} or shaped differently is refused, by
     * name.
     */
    public static void copyTrunk(ComputationGraph from, ComputationGraph to) {
        copyLayer(from, to, EMBEDDING, to.getLayer(EMBEDDING).paramTable().keySet());
        if (to.getConfiguration().getVertices().containsKey(POSITIONS)) {
            copyLayer(from, to, POSITIONS, to.getLayer(POSITIONS).paramTable().keySet());
        }
        DecoderLayer decoder = (DecoderLayer) to.getLayer(DECODER).conf().getLayer();
        copyLayer(from, to, DECODER, decoder.trunkParamNames());
    }

    private static void copyLayer(ComputationGraph from, ComputationGraph to, String layer, Iterable<String> names) {
        if (!from.getConfiguration().getVertices().containsKey(layer)) {
            throw new IllegalArgumentException("copyTrunk: the source model has no layer '" + layer + "' (the two"
                    + " models' model.positions differ?)");
        }
        for (String name : names) {
            INDArray source = from.getLayer(layer).getParam(name);
            INDArray target = to.getLayer(layer).getParam(name);
            if (source == null || !Arrays.equals(source.shape(), target.shape())) {
                throw new IllegalArgumentException("copyTrunk: parameter " + layer + "." + name + " is "
                        + (source == null ? "missing" : "of shape " + Arrays.toString(source.shape()))
                        + " in the source model and of shape " + Arrays.toString(target.shape()) + " in the target:"
                        + " the trunks differ (model.vocab_size, seq_len, d_model, n_layers, mlp_ratio, bias)");
            }
            target.assign(source);
        }
    }

    /** The graph configuration behind {@link #build}. */
    public static ComputationGraphConfiguration configuration(TransformerConfig config, long seed, IUpdater updater,
                                                              double weightDecay, double gradientClip) {
        return configuration(config, seed, updater, weightDecay, gradientClip, false);
    }

    /** The graph configuration behind {@link #buildPacked}. */
    public static ComputationGraphConfiguration packedConfiguration(TransformerConfig config, long seed,
                                                                    IUpdater updater, double weightDecay,
                                                                    double gradientClip) {
        if (config.head() != HeadKind.LM) {
            throw new IllegalArgumentException("packed rows need model.head LM, got " + config.head());
        }
        return configuration(config, seed, updater, weightDecay, gradientClip, true);
    }

    private static ComputationGraphConfiguration configuration(TransformerConfig config, long seed, IUpdater updater,
                                                               double weightDecay, double gradientClip,
                                                               boolean packed) {
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
        ComputationGraphConfiguration.GraphBuilder g = packed
                ? global.graphBuilder().addInputs(INPUT, POSITION_INPUT)
                : global.graphBuilder().addInputs(INPUT);
        // No setInputTypes: type inference would overwrite the embedding's nIn with 1.
        g.addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder()
                .nIn(config.vocabSize()).nOut(d)
                .hasBias(false)
                .inputLength(config.seqLen())
                .outputDataFormat(RNNFormat.NCW)
                .activation(Activation.IDENTITY)
                .build(), INPUT);                                                  // [mb, d, T]
        String last = EMBEDDING;
        if (packed) {
            g.addVertex(POSITION_CHANNEL, new ReshapeVertex(-1, 1, config.seqLen()), POSITION_INPUT); // [mb, 1, T]
        }
        if (config.positions() == PositionEncoding.LEARNED) {
            if (packed) {
                g.addVertex(EMBED_WITH_POSITIONS, new MergeVertex(), last, POSITION_CHANNEL);   // [mb, d + 1, T]
                last = EMBED_WITH_POSITIONS;
            }
            g.addLayer(POSITIONS, new LearnedPositionLayer(config, seed + 1, packed), last);  // [mb, d, T]
            last = POSITIONS;
        }
        if (config.dropout() > 0) {
            // DL4J's dropOut takes the retain probability; active only in training.
            g.addLayer(DROPOUT, new DropoutLayer.Builder(1.0 - config.dropout()).build(), last);
            last = DROPOUT;
        }
        if (packed) {
            // After the dropout, which would scale or zero the positions.
            g.addVertex(DECODER_INPUT, new MergeVertex(), last, POSITION_CHANNEL);           // [mb, d + 1, T]
            last = DECODER_INPUT;
        }
        g.addLayer(DECODER, new DecoderLayer(config, seed, packed), last);          // [mb, V, T] or [mb, 1]
        return g.setOutputs(DECODER).build();
    }
}
