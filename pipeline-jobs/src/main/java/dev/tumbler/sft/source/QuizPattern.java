package dev.tumbler.sft.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The notation of bsdgames' quiz files (quiz(6)): a line holds categories separated by {@code :}; in a category,
 * {@code a|b} are alternatives, {@code {x}} is optional, {@code [a|b]} groups alternatives, and {@code \} quotes the
 * next character (at the end of a line it continues the line). The answer a category stands for is its first
 * alternative with the optional parts kept: {@code {G{eorge} }Washington} is "George Washington".
 */
final class QuizPattern {
    private QuizPattern() {
    }

    /** Whether {@code line} ends with an unquoted {@code \}, so the next line continues it. */
    static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The categories of a (joined) line: split at each {@code :} outside braces and brackets and not quoted. */
    static List<String> categories(String line) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out;
    }

    /** The first alternative of {@code pattern} with its optional parts kept, whitespace collapsed. */
    static String firstAlternative(String pattern) {
        int[] at = {0};
        String text = alternatives(pattern, at, '\0');
        if (text.endsWith("$")) {
            text = text.substring(0, text.length() - 1);   // a regex end anchor, as the europe quiz has them
        }
        return overstrikes(text).replaceAll("\\s+", " ").replaceAll("([\\p{L}\\p{N}])\\(", "$1 (").strip();
    }

    /** {@code X\bY} (an accent typed over a letter, as the europe quiz writes them) as the letter alone. */
    private static String overstrikes(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (i + 2 < text.length() && text.charAt(i + 1) == '\b') {
                char over = text.charAt(i + 2);
                sb.append(Character.isLetter(over) || !Character.isLetter(c) ? over : c);
                i += 2;
            } else if (c != '\b') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String alternatives(String p, int[] at, char end) {
        StringBuilder first = new StringBuilder();
        boolean inFirst = true;
        while (at[0] < p.length()) {
            char c = p.charAt(at[0]++);
            if (c == end) {
                break;
            }
            String piece;
            if (c == '\\') {
                piece = at[0] < p.length() ? String.valueOf(p.charAt(at[0]++)) : "";
            } else if (c == '{') {
                piece = alternatives(p, at, '}');
            } else if (c == '[') {
                piece = alternatives(p, at, ']');
            } else if (c == '|') {
                inFirst = false;
                continue;
            } else {
                piece = String.valueOf(c);
            }
            if (inFirst) {
                first.append(piece);
            }
        }
        return first.toString();
    }
}
