package dev.tumbler.train;

/**
 * Where a run stands; all a resume needs besides the parameters and updater state. Every random choice of a run is
 * derived from {@code seed} and the position, so these numbers are its whole RNG state.
 *
 * @param round     rounds completed
 * @param iteration optimizer iterations each replica has taken: {@code round × averagingFrequency}; the value the
 *                  learning-rate schedule is evaluated at
 * @param batches   minibatches consumed from the training data: the data position
 * @param tokens    predicted tokens trained on
 * @param seed      the run's seed
 */
public record TrainState(long round, long iteration, long batches, long tokens, long seed) {
    /** A run that has not started. */
    public static TrainState start(long seed) {
        return new TrainState(0, 0, 0, 0, seed);
    }

    /** The state after one more round of {@code settings}. */
    public TrainState next(TrainSettings settings) {
        return new TrainState(round + 1, iteration + settings.averagingFrequency(),
                batches + settings.batchesPerRound(), tokens + settings.tokensPerRound(), seed);
    }
}
