package dev.tumbler.model.data;

/**
 * How {@link TokenBatches} groups windows into minibatches.
 *
 * @param seqLen    {@code T}: predictions per window; every window must hold exactly {@code T + 1} tokens
 * @param minibatch windows per full minibatch
 * @param withMasks whether to emit a label mask {@code [minibatch, T]} (the windows' loss masks, or ones); without it
 *                  the label mask is null and windows must carry no loss mask
 * @param dropLast  whether to drop a final minibatch with fewer than {@code minibatch} windows instead of emitting it
 */
public record BatchConfig(int seqLen, int minibatch, boolean withMasks, boolean dropLast)
        implements java.io.Serializable {
    /** Checks that both sizes are positive and that one minibatch fits in a Java array. */
    public BatchConfig {
        if (seqLen < 1) {
            throw new IllegalArgumentException("seqLen must be >= 1, got " + seqLen);
        }
        if (minibatch < 1) {
            throw new IllegalArgumentException("minibatch must be >= 1, got " + minibatch);
        }
        if ((long) seqLen * minibatch > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("minibatch * seqLen = " + (long) seqLen * minibatch
                    + " positions do not fit in one array; use a smaller minibatch or seqLen");
        }
    }

    /** The number of tokens every window must hold: {@code seqLen + 1}. */
    public int windowTokens() {
        return seqLen + 1;
    }
}
