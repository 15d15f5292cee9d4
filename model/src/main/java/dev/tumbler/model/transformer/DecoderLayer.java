package dev.tumbler.model.transformer;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Everything after the embeddings as one DL4J SameDiff output layer: the {@link DecoderTrunk} (the {@code n_layers}
 * pre-norm blocks and the final RMSNorm) and a {@link Head} on it, chosen by {@code model.head}: the
 * {@link LmHead} (output projection and sparse softmax cross-entropy with per-token loss weights, which may be
 * negative) or the {@link ScalarHead} (one reward per row, Bradley-Terry pair loss).
 *
 * <p>One layer rather than a layer per block because DL4J's SameDiff layers run their forward pass again inside
 * backprop, and its built-in output layer computes the output projection and softmax twice (score and gradient):
 * here a training step is one forward and one backward pass of one graph ({@link DecoderLayerImpl}).
 *
 * <p>Input NCW {@code [mb, d, T]}. Labels, label mask and activations are the head's (see its Javadoc); with the
 * LM head: next-token ids {@code [mb, 1, T]}, per-token weights {@code [mb, T]}, probabilities {@code [mb, V, T]}.
 * The layer's score is the head's loss divided by the minibatch size.
 *
 * <p>A packed decoder ({@link #DecoderLayer(TransformerConfig, long, boolean)}) takes {@code [mb, d + 1, T]}: the
 * embeddings and, as last channel, each token's position within its conversation
 * ({@link TransformerGraph#buildPacked}).
 */
public class DecoderLayer extends SameDiffOutputLayer {
    /** Epsilon added to the mean square before the inverse square root (every RMSNorm of the model). */
    public static final double NORM_EPS = 1e-5;
    /** The final norm's gain {@code [1, d]} (a trunk parameter). */
    public static final String FINAL_NORM = DecoderTrunk.FINAL_NORM;
    /** The LM head's output projection {@code [d, V]} and its bias {@code [1, V]} (only with {@code model.bias}). */
    public static final String HEAD_W = LmHead.HEAD_W;
    public static final String HEAD_B = LmHead.HEAD_B;

    static final String ACTIVATIONS = "activations";
    static final String LOSS = "loss";
    static final String OBJECTIVE = "objective";
    static final String LABELS = "labels";
    static final String MASK = "mask";

    @JsonProperty
    private int dModel;
    @JsonProperty
    private int nHeads;
    @JsonProperty
    private int seqLen;
    @JsonProperty
    private int mlpHidden;
    @JsonProperty
    private int nLayers;
    @JsonProperty
    private int vocabSize;
    @JsonProperty
    private PositionEncoding positions;
    @JsonProperty
    private long seed;
    /** Biases in the linear layers; true when absent from JSON (layers saved before the option all had them). */
    @JsonProperty
    private boolean bias = true;
    /** The head; LM when absent from JSON (layers saved before heads were selectable). */
    @JsonProperty
    private HeadKind head = HeadKind.LM;
    /** The scalar head's reward-centering coefficient; unused by the LM head. */
    @JsonProperty
    private double rewardCentering = TransformerConfig.DEFAULT_REWARD_CENTERING;
    /** Packed rows: input {@code [mb, d + 1, T]} with positions as last channel; false when absent from JSON. */
    @JsonProperty
    private boolean packed;

    /** For JSON deserialisation only (DL4J serialises layer configs with its shaded Jackson). */
    private DecoderLayer() {
    }

    /** The decoder of a model shaped by {@code config}; {@code seed} makes the initialisation reproducible. */
    public DecoderLayer(TransformerConfig config, long seed) {
        this(config, seed, false);
    }

    /**
     * As {@link #DecoderLayer(TransformerConfig, long)}; with {@code packed} the layer reads packed rows: input
     * {@code [mb, d + 1, T]} whose last channel is each token's position within its conversation, which restarts
     * the positions and confines attention to each conversation. The parameters are the same either way.
     */
    public DecoderLayer(TransformerConfig config, long seed, boolean packed) {
        this.packed = packed;
        this.dModel = config.dModel();
        this.nHeads = config.nHeads();
        this.seqLen = config.seqLen();
        this.mlpHidden = config.mlpHidden();
        this.nLayers = config.nLayers();
        this.vocabSize = config.vocabSize();
        this.positions = config.positions();
        this.seed = seed;
        this.bias = config.bias();
        this.head = config.head();
        this.rewardCentering = config.rewardCentering();
    }

    /** Parameter key of block {@code block}'s parameter {@code name} (DL4J keys must not contain "_"). */
    public static String blockParam(int block, String name) {
        return DecoderTrunk.blockParam(block, name);
    }

    /** Block {@code block}'s parameters out of the layer's table, keyed by the block's own names. */
    static <T> Map<String, T> blockParams(Map<String, T> table, int block) {
        return DecoderTrunk.blockParams(table, block);
    }

    /** The head this layer carries. */
    public HeadKind headKind() {
        return head;
    }

    DecoderTrunk trunk() {
        return new DecoderTrunk(dModel, nHeads, seqLen, mlpHidden, nLayers, positions, bias, packed);
    }

    Head head() {
        return Head.of(head, dModel, seqLen, vocabSize, bias, rewardCentering);
    }

    /** The names of the trunk's parameters in this layer's table (the rest are the head's). */
    Set<String> trunkParamNames() {
        return trunk().paramNames();
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, SDVariable labels, Map<String, SDVariable> p) {
        return define(sd, layerInput, labels, null, p);
    }

    /**
     * The layer's graph: the trunk, then the head. {@code labels} and {@code mask} are rank-1 placeholders fed by
     * the head's {@link Head#labelFeed} and {@link Head#lossMaskFeed} ({@code mask} null for the unmasked variant).
     * Names {@value #ACTIVATIONS} and {@value #LOSS} (the loss; the score is it divided by the minibatch size) are
     * what {@link DecoderLayerImpl} asks for; the graph's loss variable is what backprop minimises.
     */
    SDVariable define(SameDiff sd, SDVariable input, SDVariable labels, SDVariable mask, Map<String, SDVariable> p) {
        SDVariable hidden = trunk().hidden(sd, input, p);                                  // [mb*T, d]
        head().define(sd, hidden, labels, mask, p);
        return sd.getVariable(LOSS);
    }

    @Override
    public String activationsVertexName() {
        return ACTIVATIONS;
    }

    /**
     * The trunk's parameters, then the head's. DL4J lays out the weight parameters first and then the bias
     * parameters (norm gains included), each group in the order they are added here: that is the flattened
     * parameter and updater-state vector saved models hold, so with the LM head and biases the order must stay as
     * it was before {@code bias} became optional (DecoderLayerTest pins it).
     */
    @Override
    public void defineParameters(SDLayerParams params) {
        trunk().defineParameters(params);
        head().defineParameters(params);
    }

    /** The trunk's GPT-2 initialisation ({@link DecoderTrunk#initializeParameters}), then the head's. */
    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        trunk().initializeParameters(params, seed);
        head().initializeParameters(params, seed);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return head().outputType();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        DecoderLayerImpl layer = new DecoderLayerImpl(conf, networkDataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    int dModel() {
        return dModel;
    }

    /** Input channels: {@code d}, plus the position channel of packed rows. */
    int inputChannels() {
        return packed ? dModel + 1 : dModel;
    }

    int seqLen() {
        return seqLen;
    }
}
