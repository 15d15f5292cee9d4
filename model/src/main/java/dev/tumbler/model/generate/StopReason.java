package dev.tumbler.model.generate;

/** Why a sample stopped growing. */
public enum StopReason {
    /** The model wrote the stop token ({@code <|assistant_end|>} in chat, {@code <|bos|>} for raw text). */
    STOP_TOKEN,
    /** {@code --max-tokens} tokens were appended after the prompt (tool output included). */
    MAX_TOKENS,
    /** The sequence filled the model's context ({@code seq_len}). */
    CONTEXT_FULL
}
