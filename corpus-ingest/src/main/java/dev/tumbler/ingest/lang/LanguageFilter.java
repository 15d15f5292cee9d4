package dev.tumbler.ingest.lang;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.filter.ConfigChecks;
import dev.tumbler.ingest.filter.DocumentFilter;
import dev.tumbler.ingest.filter.FilterResult;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tags each document with its language ({@link Document#setLang}, {@link Document#setLangScore})
 * and keeps it only if the language is allowed and detected confidently enough. Drop reasons:
 * {@code lang_not_allowed} (another language, or none identified) and {@code lang_low_confidence}.
 */
public final class LanguageFilter implements DocumentFilter {
    private static final long serialVersionUID = 1L;

    /** The step name. */
    public static final String NAME = "language";

    /**
     * Settings.
     *
     * @param languages allowed ISO 639-1 codes, case-insensitive; empty allows every language, so
     *     the step only tags and applies the confidence bound (["en"])
     * @param minConfidence minimum confidence of the detected language, Lingua's relative distance
     *     to the runner-up language (0.1; ordinary paragraphs score 0.15 to 0.3, see
     *     {@link LanguageIdentifier.Detection})
     * @param lowAccuracy Lingua low-accuracy mode (true)
     * @param maxChars leading characters looked at (1000)
     * @param candidates languages Lingua weighs, see {@link LanguageIdentifier.Config#candidates()}
     */
    public record Config(List<String> languages, double minConfidence, boolean lowAccuracy, int maxChars,
                         List<String> candidates) implements Serializable {

        /** Copies the lists so the record stays immutable. */
        public Config {
            languages = languages == null ? null : List.copyOf(languages);
            candidates = candidates == null ? null : List.copyOf(candidates);
        }

        /** The given languages over the default candidate set. */
        public Config(List<String> languages, double minConfidence, boolean lowAccuracy, int maxChars) {
            this(languages, minConfidence, lowAccuracy, maxChars, LanguageIdentifier.Config.WEB_LANGUAGES);
        }

        /** English only, confidence at least 0.1, low-accuracy mode, first 1000 characters, web languages. */
        public static Config defaults() {
            return new Config(List.of("en"), 0.1, true, 1000, LanguageIdentifier.Config.WEB_LANGUAGES);
        }

        /** Checks the settings; the exception names the option as {@code prefix.snake_case_name}. */
        public void validate(String prefix) {
            ConfigChecks.notNull(prefix, "languages", languages);
            for (String lang : languages) {
                if (lang == null || !lang.matches("[A-Za-z]{2}")) {
                    throw new IllegalArgumentException(ConfigChecks.option(prefix, "languages")
                            + " must hold two-letter ISO 639-1 codes, got " + lang);
                }
            }
            ConfigChecks.fraction(prefix, "min_confidence", minConfidence);
            identifierConfig().validate(prefix);
            if (!candidates.isEmpty()) {
                for (String lang : languages) {
                    if (candidates.stream().noneMatch(c -> c.equalsIgnoreCase(lang))) {
                        throw new IllegalArgumentException(ConfigChecks.option(prefix, "languages") + ": '" + lang
                                + "' is not among " + ConfigChecks.option(prefix, "candidates")
                                + ", so it could never be detected");
                    }
                }
            }
        }

        /** The identifier settings inside this config. */
        public LanguageIdentifier.Config identifierConfig() {
            return new LanguageIdentifier.Config(lowAccuracy, maxChars, candidates);
        }
    }

    private final Config config;
    private final Set<String> allowed;
    private final LanguageIdentifier identifier;

    /** A filter with the given settings; the config is validated with an empty prefix. */
    public LanguageFilter(Config config) {
        config.validate("");
        this.config = config;
        Set<String> codes = new LinkedHashSet<>();
        for (String lang : config.languages()) {
            codes.add(lang.toLowerCase(Locale.ROOT));
        }
        this.allowed = Set.copyOf(codes);
        this.identifier = new LanguageIdentifier(config.identifierConfig());
    }

    /** The settings in use. */
    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(Document doc) {
        LanguageIdentifier.Detection d = identifier.detect(doc.getText());
        doc.setLang(d.isoCode639_1());
        doc.setLangScore(d.confidence());
        if (LanguageIdentifier.UNKNOWN.equals(d.isoCode639_1())
                || (!allowed.isEmpty() && !allowed.contains(d.isoCode639_1()))) {
            return FilterResult.drop("lang_not_allowed");
        }
        if (d.confidence() < config.minConfidence()) {
            return FilterResult.drop("lang_low_confidence");
        }
        return FilterResult.KEEP;
    }
}
