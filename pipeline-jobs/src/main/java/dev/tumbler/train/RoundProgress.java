package dev.tumbler.train;

/**
 * What {@link SparkTrainer} reports after each round.
 *
 * @param state           the state after the round
 * @param loss            training loss in nats per token: the mean over replicas of their last minibatch's score
 *                        divided by the sequence length
 * @param learningRate    the schedule's rate at the round's last iteration
 * @param tokensPerSecond predicted tokens of the round over its wall time
 * @param roundSeconds    the round's wall time, averaging included
 * @param etaSeconds      estimated seconds to the end of the requested rounds at the mean pace so far
 */
public record RoundProgress(TrainState state, double loss, double learningRate, double tokensPerSecond,
                            double roundSeconds, double etaSeconds) {
}
