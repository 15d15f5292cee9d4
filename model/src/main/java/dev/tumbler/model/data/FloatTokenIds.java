package dev.tumbler.model.data;

/**
 * Token ids carried as float32, the data type DL4J networks take their inputs and sparse labels in.
 *
 * <p>float32 has a 24-bit significand, so every integer in {@code [0, 2^24]} is exact and {@code 2^24 + 1} is the first
 * that is not. Ids outside that range are rejected rather than silently rounded to a neighbouring token.
 */
final class FloatTokenIds {
    /** The largest id that float32 holds exactly, and that the batcher accepts: {@code 2^24 = 16,777,216}. */
    static final int MAX_EXACT_ID = 1 << 24;

    private FloatTokenIds() {
    }

    /** {@code id} as a float; throws when it is negative or above {@link #MAX_EXACT_ID}. */
    static float toFloat(int id, long window, int position) {
        if (id < 0 || id > MAX_EXACT_ID) {
            throw new IllegalArgumentException("token id " + id + " at position " + position + " of window " + window
                    + (id < 0 ? " is negative" : " exceeds " + MAX_EXACT_ID + " (2^24), the largest id float32 holds exactly"));
        }
        return id;
    }
}
