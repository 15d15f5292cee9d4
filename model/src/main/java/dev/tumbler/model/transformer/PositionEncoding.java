package dev.tumbler.model.transformer;

/** How a transformer sees token positions: a learned additive table, or rotary embeddings on q and k. */
public enum PositionEncoding {
    /** A learned {@code [d_model, seq_len]} table added to the token embeddings. */
    LEARNED,
    /** Rotary position embeddings (half-split form) applied to queries and keys in every attention layer. */
    ROTARY
}
