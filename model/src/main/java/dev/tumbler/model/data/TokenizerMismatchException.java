package dev.tumbler.model.data;

/**
 * Token shards were produced by a different tokenizer than the model's, so their ids mean other strings to the
 * model. Training on them would run without error and learn nonsense; thrown by {@link TokenizerCheck}.
 */
public class TokenizerMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With a message naming both tokenizers. */
    public TokenizerMismatchException(String message) {
        super(message);
    }
}
