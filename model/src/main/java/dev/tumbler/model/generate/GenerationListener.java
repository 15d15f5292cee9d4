package dev.tumbler.model.generate;

/** Callbacks while generating, in sequence order per sample (for streaming). */
public interface GenerationListener {
    /** Nothing. */
    GenerationListener NONE = new GenerationListener() {
    };

    /** {@code token} was appended to {@code sample}; {@code forced} when the engine inserted it (tool output). */
    default void onToken(int sample, int token, boolean forced) {
    }

    /** A tool call of {@code sample} ran; {@code output} is what will be forced into the sequence. */
    default void onToolCall(int sample, String code, String output) {
    }
}
