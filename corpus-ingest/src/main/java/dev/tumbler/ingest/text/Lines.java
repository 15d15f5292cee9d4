package dev.tumbler.ingest.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Line and paragraph splitting. Lines end at {@code \n}, {@code \r\n} or {@code \r}; paragraphs are
 * separated by one or more blank lines.
 */
public final class Lines {
    private static final Pattern NEWLINES = Pattern.compile("(?:\\r\\n|\\r|\\n)+");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("(?:\\r?\\n|\\r)(?:[ \\t]*(?:\\r?\\n|\\r))+");

    private Lines() {
    }

    /**
     * Every line of {@code text}, empty lines included, like Python's {@code str.splitlines()}: a
     * trailing newline does not add an empty last line, and empty text has no lines.
     */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        text.lines().forEach(out::add);
        return out;
    }

    /**
     * The lines of {@code text} with runs of newlines collapsed, so empty lines do not appear
     * (datatrove's {@code re.split("\n+")} on the stripped text). Empty text gives an empty list.
     */
    public static List<String> nonEmptyLines(String text) {
        String stripped = text.strip();
        List<String> out = new ArrayList<>();
        if (stripped.isEmpty()) {
            return out;
        }
        for (String line : NEWLINES.split(stripped)) {
            out.add(line);
        }
        return out;
    }

    /**
     * The paragraphs of {@code text}: the stripped text split at blank lines (two or more line
     * breaks, whitespace-only lines counting as blank). Empty text gives an empty list.
     */
    public static List<String> paragraphs(String text) {
        String stripped = text.strip();
        List<String> out = new ArrayList<>();
        if (stripped.isEmpty()) {
            return out;
        }
        for (String para : PARAGRAPH_BREAK.split(stripped)) {
            out.add(para);
        }
        return out;
    }
}
