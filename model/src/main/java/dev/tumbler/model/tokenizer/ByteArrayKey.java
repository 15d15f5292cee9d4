package dev.tumbler.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte sequence usable as a hash or tree key. Equality is by content; the natural order is unsigned
 * lexicographic byte order (so shorter prefixes come first, and bytes {@code 0x80..0xFF} sort after ASCII).
 */
public final class ByteArrayKey implements Comparable<ByteArrayKey> {
    private final byte[] bytes;
    private final int hash;

    /** A key holding a copy of {@code bytes}. */
    public ByteArrayKey(byte[] bytes) {
        this.bytes = bytes.clone();
        this.hash = Arrays.hashCode(this.bytes);
    }

    /** The key for the UTF-8 encoding of {@code text} (unpaired surrogates encode as {@code '?'}). */
    public static ByteArrayKey utf8(String text) {
        return new ByteArrayKey(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** The bytes themselves, not copied; callers in this package must not modify them. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public int compareTo(ByteArrayKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteArrayKey k && hash == k.hash && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The bytes as lowercase hex, for diagnostics. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
