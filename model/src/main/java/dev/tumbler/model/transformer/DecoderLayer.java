package dev.tumbler.model.transformer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Everything after the embeddings as one DL4J SameDiff output layer: the {@code n_layers} pre-norm blocks
 * ({@link DecoderBlock}), the final RMSNorm, the output projection and the sparse softmax cross-entropy.
 *
 * <p>One layer rather than a layer per block because DL4J's SameDiff layers run their forward pass again inside
 * backprop, and its built-in output layer computes the output projection and softmax twice (score and gradient):
 * here a training step is one forward and one backward pass of one graph ({@link DecoderLayerImpl}).
 *
 * <p>Input NCW {@code [mb, d, T]}; labels next-token ids {@code [mb, 1, T]}; optional label mask {@code [mb, T]} of
 * per-token loss weights (any non-negative weight, applied exactly: {@code w·CE}). Activations: softmax probabilities
 * {@code [mb, V, T]}. The loss is the weighted sum over tokens; DL4J divides the score by the minibatch size.
 */
public class DecoderLayer extends SameDiffOutputLayer {
    /** Epsilon added to the mean square before the inverse square root (every RMSNorm of the model). */
    public static final double NORM_EPS = 1e-5;
    /** The final norm's gain {@code [1, d]}. */
    public static final String FINAL_NORM = "finalNorm";
    /** The output projection {@code [d, V]} and its bias {@code [1, V]} (only with {@code model.bias}). */
    public static final String HEAD_W = "headW";
    public static final String HEAD_B = "headB";

    static final String PROBABILITIES = "probabilities";
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

    /** For JSON deserialisation only (DL4J serialises layer configs with its shaded Jackson). */
    private DecoderLayer() {
    }

    /** The decoder of a model shaped by {@code config}; {@code seed} makes the initialisation reproducible. */
    public DecoderLayer(TransformerConfig config, long seed) {
        this.dModel = config.dModel();
        this.nHeads = config.nHeads();
        this.seqLen = config.seqLen();
        this.mlpHidden = config.mlpHidden();
        this.nLayers = config.nLayers();
        this.vocabSize = config.vocabSize();
        this.positions = config.positions();
        this.seed = seed;
        this.bias = config.bias();
    }

    /** Parameter key of block {@code block}'s parameter {@code name} (DL4J keys must not contain "_"). */
    public static String blockParam(int block, String name) {
        return "b" + block + name;
    }

    /** Block {@code block}'s parameters out of the layer's table, keyed by the block's own names. */
    static <T> Map<String, T> blockParams(Map<String, T> table, int block) {
        Map<String, T> own = new LinkedHashMap<>();
        String prefix = blockParam(block, "");
        for (Map.Entry<String, T> e : table.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix) && !Character.isDigit(key.charAt(prefix.length()))) {
                own.put(key.substring(prefix.length()), e.getValue());
            }
        }
        return own;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, SDVariable labels, Map<String, SDVariable> p) {
        return define(sd, layerInput, labels, null, p);
    }

    /**
     * The layer's graph. {@code labels} and {@code mask} are rank-1 placeholders over the {@code mb*T} positions
     * ({@code mask} null for an unweighted loss). Names {@value #PROBABILITIES} (activations), {@value #LOSS} (the
     * weighted sum of per-token cross-entropies) and {@value #OBJECTIVE} (what backprop minimises: its gradient is the
     * loss's gradient, its value is not the loss) are what {@link DecoderLayerImpl} asks for.
     */
    SDVariable define(SameDiff sd, SDVariable input, SDVariable labels, SDVariable mask, Map<String, SDVariable> p) {
        DataType type = input.dataType();
        DecoderBlock.Tables tables = DecoderBlock.Tables.of(sd, seqLen, dModel / nHeads, positions, type);
        SDVariable x = input.permute(0, 2, 1).reshape(-1, dModel);                        // [mb*T, d]
        for (int i = 0; i < nLayers; i++) {
            x = DecoderBlock.apply(sd, x, blockParams(p, i), tables, seqLen, dModel, nHeads);
        }
        SDVariable h = SdOps.rmsNorm(sd, x, p.get(FINAL_NORM));                           // [mb*T, d]
        SDVariable logits = SdOps.linear(sd, h, p.get(HEAD_W), p.get(HEAD_B));             // [mb*T, V]
        sd.nn.softmax(logits, 1).reshape(-1, seqLen, vocabSize)
                .permute(0, 2, 1).rename(PROBABILITIES);                                    // [mb, V, T]

        // Sparse softmax cross-entropy, composed so that backprop is one multiply. ND4J's fused op takes 16-22 ns
        // per logit forward and again for its gradient (which also ignores the gradient it is given). Here the
        // forward computes the loss from a shifted log-sum-exp and, from the same exponentials, the loss's
        // gradient with respect to the logits, w·(softmax - onehot); backprop minimises sum(G ⊙ logits) with G that
        // gradient held fixed (SdOps.withoutGradient), whose gradient is G itself.
        SDVariable oneHot = sd.oneHot(labels.castTo(DataType.INT), vocabSize, 1, 1.0, 0.0, type); // [mb*T, V]
        SDVariable max = logits.max(true, 1);                                              // [mb*T, 1]
        SDVariable exp = sd.math.exp(logits.sub(max));                                    // [mb*T, V]
        SDVariable sumExp = exp.sum(true, 1);                                             // [mb*T, 1]
        SDVariable target = logits.mul(oneHot).sum(true, 1);                              // [mb*T, 1]
        SDVariable ce = sd.math.log(sumExp).add(max).sub(target).reshape(-1);             // [mb*T]
        SDVariable dLogits = exp.div(sumExp).sub(oneHot);                                 // [mb*T, V]
        if (mask != null) {
            dLogits = dLogits.mul(mask.reshape(-1, 1));
        }
        SDVariable objective = SdOps.withoutGradient(sd, dLogits).mul(logits).sum().rename(OBJECTIVE);
        sd.setLossVariables(objective);
        SDVariable loss = mask == null ? ce.sum() : ce.mul(mask).sum();
        return loss.rename(LOSS);
    }

    @Override
    public String activationsVertexName() {
        return PROBABILITIES;
    }

    /**
     * DL4J lays out the weight parameters first and then the bias parameters (norm gains included), each group in
     * the order they are added here: that is the flattened parameter and updater-state vector saved models hold, so
     * with biases the order must stay as it was before {@code bias} became optional (DecoderLayerTest pins it).
     */
    @Override
    public void defineParameters(SDLayerParams params) {
        for (int i = 0; i < nLayers; i++) {
            params.addBiasParam(blockParam(i, DecoderBlock.ATTN_NORM), 1, dModel);
            for (String w : new String[] {DecoderBlock.WQ, DecoderBlock.WK, DecoderBlock.WV, DecoderBlock.WO}) {
                params.addWeightParam(blockParam(i, w), dModel, dModel);
            }
            if (bias) {
                for (String b : new String[] {DecoderBlock.BQ, DecoderBlock.BK, DecoderBlock.BV, DecoderBlock.BO}) {
                    params.addBiasParam(blockParam(i, b), 1, dModel);
                }
            }
            params.addBiasParam(blockParam(i, DecoderBlock.MLP_NORM), 1, dModel);
            params.addWeightParam(blockParam(i, DecoderBlock.W1), dModel, mlpHidden);
            if (bias) {
                params.addBiasParam(blockParam(i, DecoderBlock.B1), 1, mlpHidden);
            }
            params.addWeightParam(blockParam(i, DecoderBlock.W2), mlpHidden, dModel);
            if (bias) {
                params.addBiasParam(blockParam(i, DecoderBlock.B2), 1, dModel);
            }
        }
        params.addBiasParam(FINAL_NORM, 1, dModel);
        params.addWeightParam(HEAD_W, dModel, vocabSize);
        if (bias) {
            params.addBiasParam(HEAD_B, 1, vocabSize);
        }
    }

    /**
     * GPT-2 initialisation: weights normal(0, 0.02), the residual projections ({@code wo}, {@code w2}) scaled by
     * 1/√(2·n_layers), norm gains 1, biases (if any) 0. Each block draws from its own seed.
     */
    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        double residualStd = ParamInit.STD / Math.sqrt(2.0 * nLayers);
        for (int i = 0; i < nLayers; i++) {
            Random rng = ParamInit.random(seed + 100 + i);
            for (Map.Entry<String, INDArray> e : new TreeMap<>(blockParams(params, i)).entrySet()) {
                switch (e.getKey()) {
                    case DecoderBlock.ATTN_NORM, DecoderBlock.MLP_NORM -> e.getValue().assign(1.0);
                    case DecoderBlock.WQ, DecoderBlock.WK, DecoderBlock.WV, DecoderBlock.W1 ->
                            ParamInit.normal(e.getValue(), ParamInit.STD, rng);
                    case DecoderBlock.WO, DecoderBlock.W2 -> ParamInit.normal(e.getValue(), residualStd, rng);
                    default -> e.getValue().assign(0.0);
                }
            }
        }
        params.get(FINAL_NORM).assign(1.0);
        ParamInit.normal(params.get(HEAD_W), ParamInit.STD, ParamInit.random(seed + 99));
        if (bias) {
            params.get(HEAD_B).assign(0.0);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(vocabSize, seqLen);
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

    int seqLen() {
        return seqLen;
    }
}
