package dev.tumbler.ingest.filter;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.text.Lines;
import dev.tumbler.ingest.text.Words;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Gopher quality heuristics (Rae et al. 2021, appendix A.1.1), after datatrove's
 * {@code GopherQualityFilter}: word-count and mean-word-length bounds, hash and ellipsis
 * symbol-to-word ratios, bullet and trailing-ellipsis line fractions, the fraction of words with a
 * letter, and a minimum number of stop words. Words are whitespace tokens with surrounding
 * punctuation stripped (see {@link Words}); punctuation-only tokens are not words. Every metric is
 * written to {@link Document#getQuality()} whether or not the document is kept.
 */
public final class GopherQualityFilter implements DocumentFilter {
    private static final long serialVersionUID = 1L;

    /** The step name. */
    public static final String NAME = "gopher_quality";

    /** Line prefixes that mark a bullet line (after leading whitespace). */
    private static final List<String> BULLETS = List.of("\u2022", "\u25CF", "\u25E6", "\u25AA", "\u2023", "\u2043",
            "\u2219", "-", "*");

    /**
     * Thresholds; a null component disables its rule.
     *
     * @param minDocWords minimum number of words (50)
     * @param maxDocWords maximum number of words (100000)
     * @param minAvgWordLength minimum mean word length in characters (3)
     * @param maxAvgWordLength maximum mean word length in characters (10)
     * @param maxSymbolWordRatio maximum ratio of {@code #} to words, and of ellipses ({@code ...} or
     *     {@code …}) to words (0.1)
     * @param maxBulletLinesRatio maximum fraction of lines starting with a bullet (0.9)
     * @param maxEllipsisLinesRatio maximum fraction of lines ending with an ellipsis (0.3)
     * @param minAlphaWordsRatio minimum fraction of words containing a letter (0.8)
     * @param minStopWords minimum number of stop-word occurrences (2)
     * @param stopWords the stop words, matched case-insensitively (the, be, to, of, and, that, have, with)
     */
    public record Config(
            Integer minDocWords,
            Integer maxDocWords,
            Double minAvgWordLength,
            Double maxAvgWordLength,
            Double maxSymbolWordRatio,
            Double maxBulletLinesRatio,
            Double maxEllipsisLinesRatio,
            Double minAlphaWordsRatio,
            Integer minStopWords,
            List<String> stopWords) implements Serializable {

        /** Copies {@code stopWords} so the record stays immutable. */
        public Config {
            stopWords = stopWords == null ? null : List.copyOf(stopWords);
        }

        /** The thresholds of the Gopher paper. */
        public static Config defaults() {
            return new Config(50, 100_000, 3.0, 10.0, 0.1, 0.9, 0.3, 0.8, 2,
                    List.of("the", "be", "to", "of", "and", "that", "have", "with"));
        }

        /** Checks every component; the exception names the option as {@code prefix.snake_case_name}. */
        public void validate(String prefix) {
            ConfigChecks.atLeast(prefix, "min_doc_words", minDocWords, 0);
            ConfigChecks.atLeast(prefix, "max_doc_words", maxDocWords, 0);
            ConfigChecks.ordered(prefix, "min_doc_words", minDocWords, "max_doc_words", maxDocWords);
            ConfigChecks.atLeast(prefix, "min_avg_word_length", minAvgWordLength, 0);
            ConfigChecks.atLeast(prefix, "max_avg_word_length", maxAvgWordLength, 0);
            ConfigChecks.ordered(prefix, "min_avg_word_length", minAvgWordLength,
                    "max_avg_word_length", maxAvgWordLength);
            ConfigChecks.atLeast(prefix, "max_symbol_word_ratio", maxSymbolWordRatio, 0);
            ConfigChecks.fraction(prefix, "max_bullet_lines_ratio", maxBulletLinesRatio);
            ConfigChecks.fraction(prefix, "max_ellipsis_lines_ratio", maxEllipsisLinesRatio);
            ConfigChecks.fraction(prefix, "min_alpha_words_ratio", minAlphaWordsRatio);
            ConfigChecks.atLeast(prefix, "min_stop_words", minStopWords, 0);
            if (minStopWords != null && minStopWords > 0 && (stopWords == null || stopWords.isEmpty())) {
                throw new IllegalArgumentException(ConfigChecks.option(prefix, "stop_words")
                        + " must not be empty while min_stop_words is " + minStopWords);
            }
        }
    }

    private final Config config;
    private final Set<String> stopWords;

    /** A filter with the given thresholds; the config is validated with an empty prefix. */
    public GopherQualityFilter(Config config) {
        config.validate("");
        this.config = config;
        Set<String> sw = new HashSet<>();
        if (config.stopWords() != null) {
            for (String w : config.stopWords()) {
                sw.add(Words.normalize(w));
            }
        }
        this.stopWords = Set.copyOf(sw);
    }

    /** The thresholds in use. */
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
        List<String> words = Words.words(text);
        int nWords = words.size();

        long totalLen = 0;
        int alphaWords = 0;
        int stopWordCount = 0;
        for (String w : words) {
            totalLen += Words.length(w);
            if (Words.hasAlpha(w)) {
                alphaWords++;
            }
            if (stopWords.contains(Words.normalize(w))) {
                stopWordCount++;
            }
        }
        double meanWordLength = ratio(totalLen, nWords);
        double hashRatio = ratio(count(text, "#"), nWords);
        double ellipsisRatio = ratio(count(text, "...") + count(text, "\u2026"), nWords);
        double symbolRatio = Math.max(hashRatio, ellipsisRatio);

        List<String> lines = Lines.lines(text);
        int bulletLines = 0;
        int ellipsisLines = 0;
        for (String line : lines) {
            String l = line.stripLeading();
            for (String b : BULLETS) {
                if (l.startsWith(b)) {
                    bulletLines++;
                    break;
                }
            }
            String r = line.stripTrailing();
            if (r.endsWith("...") || r.endsWith("\u2026")) {
                ellipsisLines++;
            }
        }
        double bulletRatio = ratio(bulletLines, lines.size());
        double ellipsisLineRatio = ratio(ellipsisLines, lines.size());
        double alphaRatio = ratio(alphaWords, nWords);

        Map<String, Double> q = doc.getQuality();
        q.put("n_words", (double) nWords);
        q.put("mean_word_length", meanWordLength);
        q.put("hash_word_ratio", hashRatio);
        q.put("ellipsis_word_ratio", ellipsisRatio);
        q.put("symbol_word_ratio", symbolRatio);
        q.put("bullet_line_ratio", bulletRatio);
        q.put("ellipsis_line_ratio", ellipsisLineRatio);
        q.put("alpha_word_ratio", alphaRatio);
        q.put("stop_words", (double) stopWordCount);

        Config c = config;
        if (c.minDocWords() != null && nWords < c.minDocWords()) {
            return FilterResult.drop("gopher_short_doc");
        }
        if (c.maxDocWords() != null && nWords > c.maxDocWords()) {
            return FilterResult.drop("gopher_long_doc");
        }
        if (c.minAvgWordLength() != null && meanWordLength < c.minAvgWordLength()) {
            return FilterResult.drop("gopher_below_avg_word_len");
        }
        if (c.maxAvgWordLength() != null && meanWordLength > c.maxAvgWordLength()) {
            return FilterResult.drop("gopher_above_avg_word_len");
        }
        if (c.maxSymbolWordRatio() != null && symbolRatio > c.maxSymbolWordRatio()) {
            return FilterResult.drop("gopher_symbol_word_ratio");
        }
        if (c.maxBulletLinesRatio() != null && bulletRatio > c.maxBulletLinesRatio()) {
            return FilterResult.drop("gopher_bullet_lines");
        }
        if (c.maxEllipsisLinesRatio() != null && ellipsisLineRatio > c.maxEllipsisLinesRatio()) {
            return FilterResult.drop("gopher_ellipsis_lines");
        }
        if (c.minAlphaWordsRatio() != null && alphaRatio < c.minAlphaWordsRatio()) {
            return FilterResult.drop("gopher_below_alpha_words");
        }
        if (c.minStopWords() != null && stopWordCount < c.minStopWords()) {
            return FilterResult.drop("gopher_enough_stop_words");
        }
        return FilterResult.KEEP;
    }

    /** Non-overlapping occurrences of {@code needle} in {@code text}, like Python's {@code str.count}. */
    static int count(String text, String needle) {
        int n = 0;
        int i = text.indexOf(needle);
        while (i >= 0) {
            n++;
            i = text.indexOf(needle, i + needle.length());
        }
        return n;
    }

    private static double ratio(double num, int den) {
        return den == 0 ? 0.0 : num / den;
    }
}
