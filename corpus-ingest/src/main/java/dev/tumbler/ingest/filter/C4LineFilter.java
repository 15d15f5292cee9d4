package dev.tumbler.ingest.filter;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.text.Lines;
import dev.tumbler.ingest.text.Sentences;
import dev.tumbler.ingest.text.Words;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The C4 cleaning rules (Raffel et al. 2020), after datatrove's {@code C4QualityFilter} with
 * {@code split_paragraph=True}. Each stripped line is checked in this order: a word longer than
 * {@code maxWordLength} removes the line; Wikipedia citation marks ({@code [1]}, {@code [edit]},
 * {@code [citation needed]}) are cut out; a line not ending in terminal punctuation (or ending in
 * "...") is removed; a line with fewer than {@code minWordsPerLine} words is removed; "lorem ipsum"
 * drops the document; a line mentioning "javascript" is removed; a curly bracket drops the
 * document; a cookie/terms-of-use line is removed. As in C4, the document-level checks only look at
 * lines that survived the line checks before them. Blank lines are skipped and not counted. A kept
 * document's text becomes its kept lines joined with {@code "\n"}; a dropped one keeps its text.
 */
public final class C4LineFilter implements DocumentFilter {
    private static final long serialVersionUID = 1L;

    /** The step name. */
    public static final String NAME = "c4";

    private static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
    private static final String[] END_PUNCTUATION = {".", "?", "!", "\"", "'", "\u201D", "\u2019", "\u00BB"};
    private static final String[] POLICY_SUBSTRINGS = {
        "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"};

    /**
     * Rule switches and thresholds; a null threshold disables its rule.
     *
     * @param removeCitations cut {@code [1]}, {@code [edit]}, {@code [citation needed]} out of lines (true)
     * @param filterNoTerminalPunct remove lines not ending in . ? ! or a closing quote (true)
     * @param minNumSentences drop documents with fewer sentences left (5)
     * @param minWordsPerLine remove lines with fewer whitespace-separated words (3)
     * @param maxWordLength remove lines with a longer word (1000)
     * @param filterLoremIpsum drop documents containing "lorem ipsum" (true)
     * @param filterJavascript remove lines containing "javascript" (true)
     * @param filterCurlyBracket drop documents containing "{" (true)
     * @param filterPolicy remove cookie and terms-of-use lines (true)
     */
    public record Config(
            boolean removeCitations,
            boolean filterNoTerminalPunct,
            Integer minNumSentences,
            Integer minWordsPerLine,
            Integer maxWordLength,
            boolean filterLoremIpsum,
            boolean filterJavascript,
            boolean filterCurlyBracket,
            boolean filterPolicy) implements Serializable {

        /** The C4 settings. */
        public static Config defaults() {
            return new Config(true, true, 5, 3, 1000, true, true, true, true);
        }

        /** Checks the thresholds; the exception names the option as {@code prefix.snake_case_name}. */
        public void validate(String prefix) {
            ConfigChecks.atLeast(prefix, "min_num_sentences", minNumSentences, 0);
            ConfigChecks.atLeast(prefix, "min_words_per_line", minWordsPerLine, 0);
            ConfigChecks.atLeast(prefix, "max_word_length", maxWordLength, 1);
        }
    }

    private final Config config;

    /** A filter with the given rules; the config is validated with an empty prefix. */
    public C4LineFilter(Config config) {
        config.validate("");
        this.config = config;
    }

    /** The rules in use. */
    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(Document doc) {
        String text = doc.getText() == null ? "" : doc.getText();
        Config c = config;
        List<String> kept = new ArrayList<>();
        int removed = 0;
        int sentences = 0;
        FilterResult docDrop = null;

        for (String raw : Lines.lines(text)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> words = Words.tokens(line);
            if (c.maxWordLength() != null && hasLongWord(words, c.maxWordLength())) {
                removed++;
                continue;
            }
            if (c.removeCitations()) {
                line = CITATION.matcher(line).replaceAll("");
            }
            if (c.filterNoTerminalPunct() && (!endsWithAny(line, END_PUNCTUATION) || line.endsWith("..."))) {
                removed++;
                continue;
            }
            if (c.minWordsPerLine() != null && words.size() < c.minWordsPerLine()) {
                removed++;
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (c.filterLoremIpsum() && lower.contains("lorem ipsum")) {
                docDrop = FilterResult.drop("lorem_ipsum");
                break;
            }
            if (c.filterJavascript() && lower.contains("javascript")) {
                removed++;
                continue;
            }
            if (c.filterCurlyBracket() && line.indexOf('{') >= 0) {
                docDrop = FilterResult.drop("curly_bracket");
                break;
            }
            if (c.filterPolicy() && containsAny(lower, POLICY_SUBSTRINGS)) {
                removed++;
                continue;
            }
            sentences += Sentences.count(line);
            kept.add(line);
        }

        doc.getQuality().put("c4_lines_removed", (double) removed);
        doc.getQuality().put("c4_lines_kept", (double) kept.size());
        doc.getQuality().put("c4_sentences", (double) sentences);
        if (docDrop != null) {
            return docDrop;
        }
        if (kept.isEmpty()) {
            return FilterResult.drop("no_lines_left");
        }
        if (c.minNumSentences() != null && sentences < c.minNumSentences()) {
            return FilterResult.drop("too_few_sentences");
        }
        doc.setText(String.join("\n", kept).strip());
        return FilterResult.KEEP;
    }

    private static boolean hasLongWord(List<String> words, int maxLen) {
        for (String w : words) {
            if (w.length() > maxLen) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithAny(String s, String[] suffixes) {
        for (String suffix : suffixes) {
            if (s.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String s, String[] needles) {
        for (String needle : needles) {
            if (s.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
