package dev.tumbler.sft.source;

/** What the mixture asks of every source: how many conversations, and how many copies of each. */
public interface SourceConfig {
    /** At most this many distinct conversations; 0 turns the source off. */
    int count();

    /** Each conversation is written this many times (a small source weighs more in training). */
    int oversample();

    /** Throws naming {@code sft_data.KEY.count} or {@code .oversample} when a value is out of range. */
    default void validateMix(String key) {
        if (count() < 0) {
            throw new IllegalArgumentException("sft_data." + key + ".count must be >= 0, got " + count());
        }
        if (oversample() < 1 || oversample() > 100) {
            throw new IllegalArgumentException("sft_data." + key + ".oversample must be in 1..100, got "
                    + oversample());
        }
    }
}
