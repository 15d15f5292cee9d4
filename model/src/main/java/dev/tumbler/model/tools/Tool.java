package dev.tumbler.model.tools;

/**
 * Runs the code of one tool call (the text between {@code <|python_start|>} and {@code <|python_end|>}) and returns
 * the text the engine forces between {@code <|output_start|>} and {@code <|output_end|>}. Failures are returned as
 * text starting with {@code "error: "}, never thrown.
 */
public interface Tool {
    /** The output (or error text) of {@code code}. */
    String run(String code);

    /** One line saying what this tool is and which limits it enforces. */
    String describe();
}
