package dev.tumbler.ingest.text;

import java.util.Locale;
import java.util.Set;

/**
 * A light sentence counter standing in for NLTK's Punkt on single lines: a sentence ends at a run
 * of {@code . ! ?} (optionally followed by closing quotes or brackets) that is followed by
 * whitespace or the end of the line, unless the word before a single period is a common
 * abbreviation or a single letter ("Dr.", "e.g.", "J."). Decimal numbers and URLs do not split.
 */
public final class Sentences {
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "no", "inc",
            "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
            "nov", "dec", "fig", "approx", "dept", "est", "gen", "gov", "lt", "col", "sgt", "mt", "u.s");

    private Sentences() {
    }

    /** The number of sentences in {@code line}; at least 1 for a line with any non-whitespace text. */
    public static int count(String line) {
        String s = line.strip();
        if (s.isEmpty()) {
            return 0;
        }
        int sentences = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '.' || c == '!' || c == '?') {
                int runStart = i;
                boolean onlyPeriod = true;
                while (i < n && (s.charAt(i) == '.' || s.charAt(i) == '!' || s.charAt(i) == '?')) {
                    onlyPeriod &= s.charAt(i) == '.';
                    i++;
                }
                boolean singlePeriod = onlyPeriod && i - runStart == 1;
                while (i < n && isCloser(s.charAt(i))) {
                    i++;
                }
                boolean atBoundary = i == n || Words.isSpace(s.charAt(i));
                if (atBoundary && !(singlePeriod && isAbbreviation(s, runStart))) {
                    sentences++;
                }
            } else {
                i++;
            }
        }
        // trailing text without terminal punctuation is a sentence too
        int last = n - 1;
        while (last >= 0 && isCloser(s.charAt(last))) {
            last--;
        }
        if (last >= 0 && ".!?".indexOf(s.charAt(last)) < 0) {
            sentences++;
        }
        return Math.max(sentences, 1);
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB';
    }

    /** True if the word ending just before the period at {@code periodIdx} is an abbreviation. */
    private static boolean isAbbreviation(String s, int periodIdx) {
        int start = periodIdx;
        while (start > 0 && !Words.isSpace(s.charAt(start - 1))) {
            start--;
        }
        String word = Words.stripPunctuation(s.substring(start, periodIdx + 1));
        if (word.isEmpty()) {
            return false;
        }
        if (word.codePointCount(0, word.length()) == 1 && Character.isLetter(word.codePointAt(0))) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }
}
