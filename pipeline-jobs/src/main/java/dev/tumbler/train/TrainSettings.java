package dev.tumbler.train;

/**
 * How {@link SparkTrainer} trains: {@code workers} model replicas each fit {@code averagingFrequency} minibatches of
 * {@code minibatch} windows of {@code seqLen} predictions, then parameters and updater state are averaged. That is one
 * round. A checkpoint is written every {@code checkpointEveryRounds} rounds (0: never).
 *
 * @param seed the seed the run derives all its randomness from (model initialisation, Spark's split seed)
 */
public record TrainSettings(int workers, int averagingFrequency, int minibatch, int seqLen,
                            int checkpointEveryRounds, long seed) {
    /** Validates the numbers. */
    public TrainSettings {
        if (workers < 1 || averagingFrequency < 1 || minibatch < 1 || seqLen < 1) {
            throw new IllegalArgumentException("workers, averagingFrequency, minibatch and seqLen must be >= 1");
        }
        if (checkpointEveryRounds < 0) {
            throw new IllegalArgumentException("checkpointEveryRounds must be >= 0");
        }
    }

    /** Minibatches one round consumes: {@code workers × averagingFrequency}. */
    public int batchesPerRound() {
        return workers * averagingFrequency;
    }

    /** Predicted tokens one round trains on. */
    public long tokensPerRound() {
        return (long) batchesPerRound() * minibatch * seqLen;
    }
}
