package dev.tumbler.sft.source;

import dev.tumbler.model.chat.ChatPart;
import dev.tumbler.model.tools.Calculator;
import java.util.List;

/**
 * A calculation the assistant hands to the built-in calculator: the {@code python} part it writes and the
 * {@code python_output} part the engine inserts, with the calculator's own exact result, as at inference time.
 *
 * @param code   the expression, in the calculator's Python syntax
 * @param output what the calculator prints for it
 */
record ToolCall(String code, String output) {
    private static final Calculator CALCULATOR = new Calculator();

    /** Runs {@code code} on the calculator; an error is a bug of the generator, not data. */
    static ToolCall of(String code) {
        String output = CALCULATOR.run(code);
        if (output.startsWith("error:")) {
            throw new IllegalStateException("the calculator refused the generated call " + code + ": " + output);
        }
        return new ToolCall(code, output);
    }

    /** The call and its output as assistant parts. */
    List<ChatPart> parts() {
        return List.of(ChatPart.python(code), ChatPart.pythonOutput(output));
    }
}
