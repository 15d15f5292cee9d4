package dev.tumbler.generate;

import dev.tumbler.model.generate.GenerationListener;
import dev.tumbler.model.generate.TokenTextStream;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams sample 0 as readable text: tool calls show as {@code [python] code [/python]} and their results as
 * {@code [output] result [/output]}; the stop token prints nothing.
 */
public final class ChatRenderer implements GenerationListener {
    private final TokenTextStream text;
    private final PrintStream out;
    private final Map<Integer, String> markers = new HashMap<>();

    public ChatRenderer(Tokenizer tokenizer, PrintStream out) {
        this.text = new TokenTextStream(tokenizer);
        this.out = out;
        Map<String, String> shown = Map.of(
                SpecialTokens.PYTHON_START, "[python] ", SpecialTokens.PYTHON_END, " [/python]",
                SpecialTokens.OUTPUT_START, " [output] ", SpecialTokens.OUTPUT_END, " [/output] ",
                SpecialTokens.ASSISTANT_END, "", SpecialTokens.BOS, "");
        tokenizer.specialTokens().forEach((name, id) -> {
            if (shown.containsKey(name)) {
                markers.put(id, shown.get(name));
            }
        });
    }

    @Override
    public void onToken(int sample, int token, boolean forced) {
        if (sample != 0) {
            return;
        }
        String marker = markers.get(token);
        out.print(marker != null ? text.flush() + marker : text.push(token));
        out.flush();
    }

    /** Prints any incomplete character left and ends the line. */
    public void finish() {
        out.println(text.flush());
        out.flush();
    }
}
