package dev.tumbler.sft;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Which split a conversation goes to: by the hash of its normalized question (the first user message, lowercased,
 * whitespace collapsed), so all copies of a question land in the same split and no
 * question is in both. Independent of the seed, so generated and imported conversations split alike.
 */
public final class QuestionSplit {
    public static final String TRAIN = "train";
    public static final String VAL = "val";

    private QuestionSplit() {
    }

    /** The question as it is hashed: lowercase, runs of whitespace as one space, trimmed. */
    public static String normalize(String question) {
        return question.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** {@link #VAL} for about {@code valFraction} of questions, else {@link #TRAIN}. */
    public static String splitOf(String question, double valFraction) {
        return fraction(question) < valFraction ? VAL : TRAIN;
    }

    /** The question's hash as a number in [0, 1): the first 53 bits of the sha256 of its normalized text. */
    static double fraction(String question) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(normalize(question).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            return (bits >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws naming {@code key} unless {@code valFraction} is in [0, 1). */
    public static void requireFraction(double valFraction, String key) {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + valFraction);
        }
    }
}
