package dev.tumbler.ingest.filter;

/**
 * Small argument checks for the {@code Config.validate(prefix)} methods of filters and scrubbers.
 * Each throws {@link IllegalArgumentException} naming the option as {@code prefix.name}, e.g.
 * {@code "ingest.gopher_quality.min_doc_words must be >= 0, got -1"}. A null value means the
 * threshold is disabled and passes every check.
 */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    /** The full option name: {@code prefix + "." + name}, or just {@code name} when the prefix is empty. */
    public static String option(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Fails unless {@code value} is null or {@code >= min}. */
    public static void atLeast(String prefix, String name, Number value, double min) {
        if (value != null && !(value.doubleValue() >= min)) {
            throw new IllegalArgumentException(option(prefix, name) + " must be >= " + fmt(min) + ", got " + value);
        }
    }

    /** Fails unless {@code value} is null or in {@code [0, 1]}. */
    public static void fraction(String prefix, String name, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(option(prefix, name) + " must be in [0, 1], got " + value);
        }
    }

    /** Fails if both bounds are set and {@code min > max}. */
    public static void ordered(String prefix, String minName, Number min, String maxName, Number max) {
        if (min != null && max != null && min.doubleValue() > max.doubleValue()) {
            throw new IllegalArgumentException(option(prefix, maxName) + " must be >= " + option(prefix, minName)
                    + " (" + min + "), got " + max);
        }
    }

    /** Fails if {@code value} is null. */
    public static void notNull(String prefix, String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(option(prefix, name) + " must be set");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
