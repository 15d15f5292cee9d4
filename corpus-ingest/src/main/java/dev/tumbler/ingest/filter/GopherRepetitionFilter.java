package dev.tumbler.ingest.filter;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.text.Lines;
import dev.tumbler.ingest.text.NGrams;
import dev.tumbler.ingest.text.Words;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The Gopher repetition rules (Rae et al. 2021, table A1), after datatrove's
 * {@code GopherRepetitionFilter}: the fraction of duplicate paragraphs and lines and of the
 * characters in them, the character fraction of the most frequent word 2-, 3- and 4-gram, and the
 * character fraction of duplicated word 5- to 10-grams. All character fractions are over the
 * length of the whole text. Every metric is written to {@link Document#getQuality()} whether or
 * not the document is kept; checks run in the order paragraphs, lines, top n-grams, duplicated
 * n-grams, and the first failure is the drop reason.
 */
public final class GopherRepetitionFilter implements DocumentFilter {
    private static final long serialVersionUID = 1L;

    /** The step name. */
    public static final String NAME = "gopher_repetition";

    /**
     * Maximum fractions; a null component disables its rule.
     *
     * @param dupLineFrac duplicate lines / lines (0.3)
     * @param dupLineCharFrac characters in duplicate lines / text length (0.2)
     * @param dupParaFrac duplicate paragraphs / paragraphs (0.3)
     * @param dupParaCharFrac characters in duplicate paragraphs / text length (0.2)
     * @param top2gramFrac characters covered by the most frequent repeated 2-gram (0.2)
     * @param top3gramFrac same for 3-grams (0.18)
     * @param top4gramFrac same for 4-grams (0.16)
     * @param dup5gramFrac characters in duplicated 5-grams / text length (0.15)
     * @param dup6gramFrac same for 6-grams (0.14)
     * @param dup7gramFrac same for 7-grams (0.13)
     * @param dup8gramFrac same for 8-grams (0.12)
     * @param dup9gramFrac same for 9-grams (0.11)
     * @param dup10gramFrac same for 10-grams (0.10)
     */
    public record Config(
            Double dupLineFrac,
            Double dupLineCharFrac,
            Double dupParaFrac,
            Double dupParaCharFrac,
            Double top2gramFrac,
            Double top3gramFrac,
            Double top4gramFrac,
            Double dup5gramFrac,
            Double dup6gramFrac,
            Double dup7gramFrac,
            Double dup8gramFrac,
            Double dup9gramFrac,
            Double dup10gramFrac) implements Serializable {

        /** The thresholds of the Gopher paper. */
        public static Config defaults() {
            return new Config(0.3, 0.2, 0.3, 0.2, 0.2, 0.18, 0.16, 0.15, 0.14, 0.13, 0.12, 0.11, 0.10);
        }

        /** Checks every component is null or in [0, 1]; the exception names the option as {@code prefix.snake_case_name}. */
        public void validate(String prefix) {
            ConfigChecks.fraction(prefix, "dup_line_frac", dupLineFrac);
            ConfigChecks.fraction(prefix, "dup_line_char_frac", dupLineCharFrac);
            ConfigChecks.fraction(prefix, "dup_para_frac", dupParaFrac);
            ConfigChecks.fraction(prefix, "dup_para_char_frac", dupParaCharFrac);
            for (int n = 2; n <= 4; n++) {
                ConfigChecks.fraction(prefix, "top_" + n + "gram_frac", topFrac(n));
            }
            for (int n = 5; n <= 10; n++) {
                ConfigChecks.fraction(prefix, "dup_" + n + "gram_frac", dupFrac(n));
            }
        }

        /** The top n-gram threshold for n in 2..4. */
        public Double topFrac(int n) {
            switch (n) {
                case 2: return top2gramFrac;
                case 3: return top3gramFrac;
                case 4: return top4gramFrac;
                default: throw new IllegalArgumentException("no top n-gram threshold for n=" + n);
            }
        }

        /** The duplicated n-gram threshold for n in 5..10. */
        public Double dupFrac(int n) {
            switch (n) {
                case 5: return dup5gramFrac;
                case 6: return dup6gramFrac;
                case 7: return dup7gramFrac;
                case 8: return dup8gramFrac;
                case 9: return dup9gramFrac;
                case 10: return dup10gramFrac;
                default: throw new IllegalArgumentException("no duplicated n-gram threshold for n=" + n);
            }
        }
    }

    private final Config config;

    /** A filter with the given thresholds; the config is validated with an empty prefix. */
    public GopherRepetitionFilter(Config config) {
        config.validate("");
        this.config = config;
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
        int len = text.length();
        Map<String, Double> q = doc.getQuality();

        List<String> paragraphs = Lines.paragraphs(text);
        NGrams.Duplicates paraDup = NGrams.duplicates(paragraphs);
        double dupParaFrac = ratio(paraDup.elements(), paragraphs.size());
        double dupParaCharFrac = ratio(paraDup.chars(), len);

        List<String> lines = Lines.nonEmptyLines(text);
        NGrams.Duplicates lineDup = NGrams.duplicates(lines);
        double dupLineFrac = ratio(lineDup.elements(), lines.size());
        double dupLineCharFrac = ratio(lineDup.chars(), len);

        q.put("dup_para_frac", dupParaFrac);
        q.put("dup_para_char_frac", dupParaCharFrac);
        q.put("dup_line_frac", dupLineFrac);
        q.put("dup_line_char_frac", dupLineCharFrac);

        List<String> words = Words.words(text);
        double[] top = new double[5];
        for (int n = 2; n <= 4; n++) {
            top[n] = ratio(NGrams.topDuplicateChars(NGrams.of(words, n)), len);
            q.put("top_" + n + "gram_frac", top[n]);
        }
        double[] dup = new double[11];
        for (int n = 5; n <= 10; n++) {
            dup[n] = ratio(NGrams.allDuplicateChars(words, n), len);
            q.put("dup_" + n + "gram_frac", dup[n]);
        }

        Config c = config;
        if (exceeds(dupParaFrac, c.dupParaFrac())) {
            return FilterResult.drop("dup_para_frac");
        }
        if (exceeds(dupParaCharFrac, c.dupParaCharFrac())) {
            return FilterResult.drop("dup_para_char_frac");
        }
        if (exceeds(dupLineFrac, c.dupLineFrac())) {
            return FilterResult.drop("dup_line_frac");
        }
        if (exceeds(dupLineCharFrac, c.dupLineCharFrac())) {
            return FilterResult.drop("dup_line_char_frac");
        }
        for (int n = 2; n <= 4; n++) {
            if (exceeds(top[n], c.topFrac(n))) {
                return FilterResult.drop("top_" + n + "_gram");
            }
        }
        for (int n = 5; n <= 10; n++) {
            if (exceeds(dup[n], c.dupFrac(n))) {
                return FilterResult.drop("duplicated_" + n + "_n_grams");
            }
        }
        return FilterResult.KEEP;
    }

    private static boolean exceeds(double value, Double max) {
        return max != null && value > max;
    }

    private static double ratio(double num, int den) {
        return den == 0 ? 0.0 : num / den;
    }
}
