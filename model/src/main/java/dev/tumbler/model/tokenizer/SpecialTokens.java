package dev.tumbler.model.tokenizer;

import java.util.List;

/**
 * Tumbler's chat special tokens. A trained vocabulary reserves their ids, in {@link #ALL} order, right
 * after its last merge.
 */
public final class SpecialTokens {
    public static final String BOS = "<|bos|>";
    public static final String USER_START = "<|user_start|>";
    public static final String USER_END = "<|user_end|>";
    public static final String ASSISTANT_START = "<|assistant_start|>";
    public static final String ASSISTANT_END = "<|assistant_end|>";
    public static final String PYTHON_START = "<|python_start|>";
    public static final String PYTHON_END = "<|python_end|>";
    public static final String OUTPUT_START = "<|output_start|>";
    public static final String OUTPUT_END = "<|output_end|>";

    /** Every special token, in id order. */
    public static final List<String> ALL = List.of(
            BOS, USER_START, USER_END, ASSISTANT_START, ASSISTANT_END,
            PYTHON_START, PYTHON_END, OUTPUT_START, OUTPUT_END);

    private SpecialTokens() {
    }
}
