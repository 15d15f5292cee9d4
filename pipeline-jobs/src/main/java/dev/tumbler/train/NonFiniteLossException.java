package dev.tumbler.train;

import org.apache.hadoop.fs.Path;

/**
 * Training stopped because the loss or the parameters became NaN or infinite. The network in memory is unusable; the
 * last good checkpoint, if any, is untouched.
 */
public final class NonFiniteLossException extends RuntimeException {
    private final transient Path lastGoodCheckpoint;
    private final long round;

    /** Reports the failed {@code round} (1-based) and the checkpoint to resume from (null if none). */
    public NonFiniteLossException(long round, double loss, Path lastGoodCheckpoint) {
        super("training diverged: loss " + loss + " (NaN/inf loss or parameters) in round " + round + "; "
                + (lastGoodCheckpoint == null ? "no checkpoint was written yet"
                        : "the last good checkpoint is " + lastGoodCheckpoint)
                + ". Lower the learning rate or check the data, then resume.");
        this.lastGoodCheckpoint = lastGoodCheckpoint;
        this.round = round;
    }

    /** The checkpoint to resume from, or null when none was written. */
    public Path lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }

    /** The round in which the loss stopped being finite (1-based). */
    public long round() {
        return round;
    }
}
