package dev.tumbler.model.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The compact storage of a token window in a Parquet binary column: each id as a little-endian int32, so a window of
 * {@code n} tokens takes {@code 4n} bytes. Any int round-trips, negative ones included.
 */
public final class PackedTokens {
    /** Bytes per token. */
    public static final int BYTES_PER_TOKEN = Integer.BYTES;

    private PackedTokens() {
    }

    /** {@code tokens} as little-endian int32 bytes, {@code 4 * tokens.length} of them. */
    public static byte[] encode(int[] tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.length > Integer.MAX_VALUE / BYTES_PER_TOKEN) {
            throw new IllegalArgumentException(tokens.length + " tokens do not fit in one byte array");
        }
        byte[] bytes = new byte[tokens.length * BYTES_PER_TOKEN];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(tokens);
        return bytes;
    }

    /** The ids packed in {@code bytes}; its length must be a multiple of 4. */
    public static int[] decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return decode(bytes, 0, bytes.length);
    }

    /** The ids packed in {@code bytes[offset .. offset + length)}; {@code length} must be a multiple of 4. */
    public static int[] decode(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length % BYTES_PER_TOKEN != 0) {
            throw new IllegalArgumentException("packed tokens take 4 bytes each, but got " + length
                    + " bytes (" + length % BYTES_PER_TOKEN + " left over); the data is truncated or not int32 tokens");
        }
        int[] tokens = new int[length / BYTES_PER_TOKEN];
        ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(tokens);
        return tokens;
    }
}
