package dev.tumbler.ingest.lang;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.tumbler.ingest.filter.ConfigChecks;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Language identification with Lingua over all spoken languages. The detector is heavy (language
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
     * @param maxChars how many leading characters of a text to look at (2000)
     */
    public record Config(boolean lowAccuracy, int maxChars) implements Serializable {
        /** Low-accuracy mode, first 2000 characters. */
        public static Config defaults() {
            return new Config(true, 2000);
        }

        /** Checks the settings; the exception names the option as {@code prefix.snake_case_name}. */
        public void validate(String prefix) {
            ConfigChecks.atLeast(prefix, "max_chars", maxChars, 1);
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

    private static final class LowAccuracy {
        static final LanguageDetector DETECTOR =
                LanguageDetectorBuilder.fromAllSpokenLanguages().withLowAccuracyMode().build();
    }

    private static final class HighAccuracy {
        static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromAllSpokenLanguages().build();
    }

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
        return config.lowAccuracy() ? LowAccuracy.DETECTOR : HighAccuracy.DETECTOR;
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
