package dev.tumbler.model.transformer;

import java.util.Objects;

/**
 * Shape of a decoder-only transformer. Components map to the snake_case YAML keys under {@code model:}
 * ({@code vocab_size}, {@code seq_len}, {@code d_model}, {@code n_layers}, {@code n_heads}, {@code mlp_ratio},
 * {@code dropout}, {@code tied_embeddings}, {@code positions}, {@code bias}, {@code head}, {@code reward_centering}).
 *
 * <p>{@code bias} adds a bias to every linear layer (Q, K, V, the attention output, both MLP layers and the output
 * projection), as GPT-2 does; without it the linear layers are bias-free, as in LLaMA and PaLM (the norms never have
 * one: RMSNorm has only a gain). Bias-free training steps are faster on CPU, where ND4J's column sums for the bias
 * gradients are slow.
 *
 * <p>{@code head} chooses what sits on the trunk ({@link HeadKind}): the language-model head (LM, the default, also
 * what a null {@code head} means) or the scalar reward head (SCALAR). {@code reward_centering} is the scalar head's
 * coefficient {@code c} of {@code c·mean((r_c + r_r)²)} in its pair loss (default
 * {@value #DEFAULT_REWARD_CENTERING}, also what null means, so that a config map written before the key reads back);
 * the LM head ignores it.
 */
public record TransformerConfig(
        int vocabSize,
        int seqLen,
        int dModel,
        int nLayers,
        int nHeads,
        int mlpRatio,
        double dropout,
        boolean tiedEmbeddings,
        PositionEncoding positions,
        boolean bias,
        HeadKind head,
        Double rewardCentering) {

    /** The default of {@code model.reward_centering}. */
    public static final double DEFAULT_REWARD_CENTERING = 0.01;

    /** Validates every field; messages name the YAML key. */
    public TransformerConfig {
        positive(vocabSize, "model.vocab_size");
        positive(seqLen, "model.seq_len");
        positive(dModel, "model.d_model");
        positive(nLayers, "model.n_layers");
        positive(nHeads, "model.n_heads");
        positive(mlpRatio, "model.mlp_ratio");
        if (dModel % nHeads != 0) {
            throw new IllegalArgumentException("model.d_model must be divisible by model.n_heads, got "
                    + dModel + " and " + nHeads);
        }
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("model.dropout must be in [0, 1), got " + dropout);
        }
        Objects.requireNonNull(positions, "model.positions must be set (LEARNED or ROTARY)");
        if (positions == PositionEncoding.ROTARY && (dModel / nHeads) % 2 != 0) {
            throw new IllegalArgumentException("model.d_model / model.n_heads must be even for model.positions ROTARY, got "
                    + (dModel / nHeads));
        }
        if (tiedEmbeddings) {
            throw new IllegalArgumentException("model.tied_embeddings: true is not supported yet (DL4J's "
                    + "EmbeddingSequenceLayer cannot share its weight table with the decoder's output projection); set it to false");
        }
        if (head == null) {
            head = HeadKind.LM;
        }
        if (rewardCentering == null) {
            rewardCentering = DEFAULT_REWARD_CENTERING;
        }
        if (!(rewardCentering >= 0.0 && Double.isFinite(rewardCentering))) {
            throw new IllegalArgumentException("model.reward_centering must be finite and non-negative, got "
                    + rewardCentering);
        }
    }

    /** The LM head, with or without biases. */
    public TransformerConfig(int vocabSize, int seqLen, int dModel, int nLayers, int nHeads, int mlpRatio,
                             double dropout, boolean tiedEmbeddings, PositionEncoding positions, boolean bias) {
        this(vocabSize, seqLen, dModel, nLayers, nHeads, mlpRatio, dropout, tiedEmbeddings, positions, bias,
                HeadKind.LM, DEFAULT_REWARD_CENTERING);
    }

    /** GPT-2's layout: biases in every linear layer. */
    public TransformerConfig(int vocabSize, int seqLen, int dModel, int nLayers, int nHeads, int mlpRatio,
                             double dropout, boolean tiedEmbeddings, PositionEncoding positions) {
        this(vocabSize, seqLen, dModel, nLayers, nHeads, mlpRatio, dropout, tiedEmbeddings, positions, true);
    }

    /** This shape with another vocabulary, sequence length and dropout (what the data and the run decide). */
    public TransformerConfig with(int vocabSize, int seqLen, double dropout) {
        return new TransformerConfig(vocabSize, seqLen, dModel, nLayers, nHeads, mlpRatio, dropout, tiedEmbeddings,
                positions, bias, head, rewardCentering);
    }

    /** This trunk with another head (the reward model's config from its SFT model's). */
    public TransformerConfig withHead(HeadKind head) {
        return new TransformerConfig(vocabSize, seqLen, dModel, nLayers, nHeads, mlpRatio, dropout, tiedEmbeddings,
                positions, bias, head, rewardCentering);
    }

    private static void positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    /** Size of each attention head. */
    public int headDim() {
        return dModel / nHeads;
    }

    /** Hidden width of the MLP. */
    public int mlpHidden() {
        return mlpRatio * dModel;
    }

    /** Trainable parameters of one transformer block (two RMSNorm gains, attention, MLP, and their biases if any). */
    public long blockParameterCount() {
        long d = dModel;
        long m = mlpHidden();
        long biases = bias ? 4 * d + m + d : 0L;
        return 2 * d + 4 * d * d + d * m + m * d + biases;
    }

    /** All trainable parameters; equals {@code ComputationGraph.numParams()} of the built graph. */
    public long parameterCount() {
        return (long) vocabSize * dModel + nonEmbeddingParameterCount();
    }

    /**
     * Parameters without the token-embedding table (the head, positions and norms are included);
     * the N of the FLOP estimate 6·N·tokens + 12·layers·seqLen·dModel·tokens.
     */
    public long nonEmbeddingParameterCount() {
        long d = dModel;
        long positionTable = positions == PositionEncoding.LEARNED ? (long) seqLen * d : 0L;
        return positionTable + nLayers * blockParameterCount() + d + headParameterCount();
    }

    /** Parameters of the head: the output projection {@code [d, V]} or the reward projection {@code [d, 1]}. */
    public long headParameterCount() {
        long outputs = head == HeadKind.LM ? vocabSize : 1L;
        return dModel * outputs + (bias ? outputs : 0L);
    }
}
