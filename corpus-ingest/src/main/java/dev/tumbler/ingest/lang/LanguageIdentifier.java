package dev.tumbler.ingest.lang;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.tumbler.ingest.filter.ConfigChecks;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * Language identification with Lingua over a configurable set of candidate languages. The detector is heavy (language
 * models), so it is built lazily once per JVM per accuracy mode and shared by every instance and
 * thread; an instance itself only holds its config and serializes cheaply to Spark executors.
 * Only the first {@link Config#maxChars()} characters of a text are looked at. See
 * {@link Detection} for what the confidence means.
 */
public final class LanguageIdentifier implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The code reported when no language can be identified. */
    public static final String UNKNOWN = "unknown";

    /**
     * Detector settings.
     *
     * @param lowAccuracy Lingua's low-accuracy mode: trigram models only, far less memory and
     *     faster, a little worse on short texts (true)
     * @param maxChars how many leading characters of a text to look at (1000)
     * @param candidates ISO 639-1 codes of the languages Lingua weighs; empty means all 75 it knows.
     *     Detection time grows linearly with their number, so the default is the 32 languages most
     *     common on the web ({@link #WEB_LANGUAGES}); text in another language is still not English
     *     and is dropped, only its {@code lang} tag may name the closest candidate
     */
    public record Config(boolean lowAccuracy, int maxChars, List<String> candidates) implements Serializable {
        /** The default candidate languages: the most common languages of Common Crawl. */
        public static final List<String> WEB_LANGUAGES = List.of("en", "ru", "de", "zh", "ja", "es", "fr", "it",
                "pt", "pl", "nl", "tr", "vi", "fa", "cs", "id", "ko", "sv", "uk", "ar", "ro", "hu", "el", "da",
                "fi", "nb", "sk", "bg", "he", "th", "hi", "ca");

        /** Copies {@code candidates} so the record stays immutable. */
        public Config {
            candidates = candidates == null ? null : List.copyOf(candidates);
        }

        /** Low-accuracy mode over the web languages, first 1000 characters. */
        public static Config defaults() {
            return new Config(true, 1000, WEB_LANGUAGES);
        }

        /** Checks the settings; the exception names the option as {@code prefix.snake_case_name}. */
        public void validate(String prefix) {
            ConfigChecks.atLeast(prefix, "max_chars", maxChars, 1);
            ConfigChecks.notNull(prefix, "candidates", candidates);
            for (String code : candidates) {
                if (toLanguage(code) == null) {
                    throw new IllegalArgumentException(ConfigChecks.option(prefix, "candidates")
                            + ": Lingua has no language with ISO 639-1 code '" + code + "'");
                }
            }
        }
    }

    /** The Lingua language of a two-letter code, or null when Lingua does not know it. */
    static Language toLanguage(String code) {
        if (code == null || !code.matches("[A-Za-z]{2}")) {
            return null;
        }
        try {
            Language lang = Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)));
            return lang == Language.UNKNOWN ? null : lang;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * One answer: the lower-case ISO 639-1 code (e.g. {@code "en"}), or {@code "unknown"}, and a
     * confidence in [0, 1]. Lingua 1.2.2 reports every language's value relative to the best one
     * (the best is always 1.0), so the confidence here is Lingua's <em>relative distance</em>:
     * {@code 1 - value(runner-up)}, 1.0 when no other language is a candidate. Measured with the
     * low-accuracy detector: ordinary English, German, French or Spanish paragraphs score about
     * 0.15 to 0.3; navigation boilerplate ("Home | About | Contact") and mixed-language text about
     * 0.05 to 0.12.
     */
    public record Detection(String isoCode639_1, double confidence) implements Serializable {
        /** The answer for text with no identifiable language. */
        public static final Detection NONE = new Detection(UNKNOWN, 0.0);
    }

    /** One detector per (accuracy mode, candidate set) per JVM: building one loads the language models. */
    private static final Map<List<Object>, LanguageDetector> DETECTORS = new ConcurrentHashMap<>();

    private final Config config;

    /** An identifier with the given settings; the config is validated with an empty prefix. */
    public LanguageIdentifier(Config config) {
        config.validate("");
        this.config = config;
    }

    /** The settings in use. */
    public Config config() {
        return config;
    }

    /** The most likely language of {@code text} and its confidence; {@link Detection#NONE} for blank text. */
    public Detection detect(String text) {
        if (text == null || text.isBlank()) {
            return Detection.NONE;
        }
        String sample = head(text, config.maxChars());
        SortedMap<Language, Double> values = detector().computeLanguageConfidenceValues(sample);
        Language best = null;
        double bestValue = 0.0;
        double secondValue = 0.0;
        for (Map.Entry<Language, Double> e : values.entrySet()) {
            double v = e.getValue();
            if (e.getKey() == Language.UNKNOWN) {
                continue;
            }
            if (v > bestValue) {
                secondValue = bestValue;
                best = e.getKey();
                bestValue = v;
            } else if (v > secondValue) {
                secondValue = v;
            }
        }
        if (best == null || best.getIsoCode639_1() == IsoCode639_1.NONE) {
            return Detection.NONE;
        }
        double distance = Math.max(0.0, Math.min(1.0, (bestValue - secondValue) / bestValue));
        return new Detection(best.getIsoCode639_1().name().toLowerCase(Locale.ROOT), distance);
    }

    private LanguageDetector detector() {
        List<Object> key = List.of(config.lowAccuracy(), config.candidates());
        return DETECTORS.computeIfAbsent(key, k -> {
            LanguageDetectorBuilder builder = config.candidates().isEmpty()
                    ? LanguageDetectorBuilder.fromAllSpokenLanguages()
                    : LanguageDetectorBuilder.fromLanguages(config.candidates().stream()
                            .map(LanguageIdentifier::toLanguage).distinct().toArray(Language[]::new));
            return config.lowAccuracy() ? builder.withLowAccuracyMode().build() : builder.build();
        });
    }

    /** The first {@code maxChars} characters, cut back to a word boundary and never inside a surrogate pair. */
    static String head(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int space = end;
        while (space > maxChars / 2 && !Character.isWhitespace(text.charAt(space))) {
            space--;
        }
        if (space > maxChars / 2) {
            end = space;
        }
        return text.substring(0, end);
    }
}
