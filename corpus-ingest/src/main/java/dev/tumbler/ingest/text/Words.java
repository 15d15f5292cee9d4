package dev.tumbler.ingest.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whitespace word tokenization. A token is a maximal run of non-whitespace characters (Unicode
 * spaces such as NBSP count as whitespace); a word is a token with leading and trailing
 * punctuation and symbols stripped, so {@code "(The"} and {@code "dog."} give {@code "The"} and
 * {@code "dog"}, and a token made only of punctuation (a lone {@code "-"} or {@code "#"}) is not a
 * word at all.
 */
public final class Words {
    private Words() {
    }

    /** True for whitespace in the broad sense: {@link Character#isWhitespace} or a Unicode space separator. */
    public static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** True for Unicode punctuation (P*) and symbol (S*) characters, a superset of ASCII punctuation. */
    public static boolean isPunctOrSymbol(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** The whitespace-separated tokens of {@code text}, unmodified. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < n && !isSpace(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    /** {@code token} without leading and trailing punctuation/symbols; empty if it has nothing else. */
    public static String stripPunctuation(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && isPunctOrSymbol(token.codePointAt(start))) {
            start += Character.charCount(token.codePointAt(start));
        }
        while (end > start && isPunctOrSymbol(token.codePointBefore(end))) {
            end -= Character.charCount(token.codePointBefore(end));
        }
        return token.substring(start, end);
    }

    /** The words of {@code text}: tokens with punctuation stripped, punctuation-only tokens left out. */
    public static List<String> words(String text) {
        List<String> tokens = tokens(text);
        List<String> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            String word = stripPunctuation(token);
            if (!word.isEmpty()) {
                out.add(word);
            }
        }
        return out;
    }

    /** Lower-cases a word for matching against a word list (stop words), locale-independently. */
    public static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    /** True if {@code s} contains at least one alphabetic character. */
    public static boolean hasAlpha(String s) {
        return s.codePoints().anyMatch(Character::isLetter);
    }

    /** Length of {@code s} in code points (a surrogate pair counts once). */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
