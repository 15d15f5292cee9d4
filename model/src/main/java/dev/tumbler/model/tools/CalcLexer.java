package dev.tumbler.model.tools;

import java.util.ArrayList;
import java.util.List;

/** Splits a calculator expression into numbers, strings, names and operators. */
final class CalcLexer {
    enum Kind { INTEGER, DECIMAL, STRING, NAME, OP, END }

    record Token(Kind kind, String text) {
    }

    private CalcLexer() {
    }

    /** The tokens of {@code s}, ending with an {@link Kind#END} token. */
    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                i = number(s, i, out);
            } else if (c == '"' || c == '\'') {
                i = string(s, i, out);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.NAME, s.substring(start, i)));
            } else if (s.startsWith("**", i) || s.startsWith("//", i)) {
                out.add(new Token(Kind.OP, s.substring(i, i + 2)));
                i += 2;
            } else if ("+-*/%(),.".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c)));
                i++;
            } else {
                throw new CalculatorException("unexpected character '" + c + "' at " + i);
            }
        }
        out.add(new Token(Kind.END, ""));
        return out;
    }

    private static int number(String s, int i, List<Token> out) {
        StringBuilder digits = new StringBuilder();
        boolean decimal = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                digits.append(c);
            } else if (c == '_' && digits.length() > 0 && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                // Python's digit separator
            } else if (c == '.' && !decimal && !(i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)))) {
                decimal = true;
                digits.append(c);
            } else {
                break;
            }
            i++;
        }
        if (digits.length() > Calculator.MAX_INPUT_CHARS) {
            throw new CalculatorException("number too long");
        }
        String text = digits.toString();
        if (decimal && text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        out.add(new Token(decimal ? Kind.DECIMAL : Kind.INTEGER, text));
        return i;
    }

    private static int string(String s, int i, List<Token> out) {
        char quote = s.charAt(i++);
        StringBuilder sb = new StringBuilder();
        while (i < s.length() && s.charAt(i) != quote) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
            i++;
        }
        if (i >= s.length()) {
            throw new CalculatorException("unterminated string");
        }
        out.add(new Token(Kind.STRING, sb.toString()));
        return i + 1;
    }
}
