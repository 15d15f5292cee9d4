package dev.tumbler.ingest.dedup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The normalization dedup compares on: NFKC, lower case, punctuation removed, whitespace collapsed.
 * Two texts that differ only in case, punctuation or spacing have the same content hash.
 */
public final class TextNormalizer {
    private static final Pattern NON_WORD = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        return NON_WORD.matcher(nfkc).replaceAll(" ").strip();
    }

    /** The words of the normalized text. */
    public static String[] words(String text) {
        String n = normalize(text);
        return n.isEmpty() ? new String[0] : n.split(" ");
    }

    /** Hex sha256 of the normalized text: the exact-dedup key. */
    public static String contentHash(String text) {
        return sha256Hex(normalize(text));
    }

    /** Hex sha256 of a string's UTF-8 bytes, truncated to {@code 128} bits. */
    public static String sha256Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
