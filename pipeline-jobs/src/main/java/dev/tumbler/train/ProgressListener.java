package dev.tumbler.train;

/** Called by {@link SparkTrainer} on the driver after every round. */
@FunctionalInterface
public interface ProgressListener {
    /** Receives the progress of the round just finished. */
    void onRound(RoundProgress progress);
}
