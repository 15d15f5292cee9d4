package dev.tumbler.train;

/**
 * The training hyperparameters of a phase ({@code train.*}), resolved like {@code model.*}: the phase's defaults in
 * code, then a preset ({@code conf/train/<phase>.yaml}), then {@code --set train.key=value}, then the command's
 * flags. Printed and stored whole in the manifest.
 *
 * @param steps              optimizer steps per worker; rounded up to a whole number of rounds
 *                           ({@link #roundedSteps()})
 * @param workers            parameter-averaging workers (model replicas)
 * @param batchPerWorker     rows per minibatch per worker
 * @param averagingFrequency minibatches each worker trains between parameter averages: one round
 * @param lr                 peak learning rate (Adam)
 * @param minLrRatio         the floor of the cosine decay as a fraction of {@code lr}
 * @param warmup             linear warmup steps before the cosine decay
 * @param weightDecay        decoupled (AdamW-style) weight decay on matrices and embeddings; 0 = off
 * @param gradClip           L2 norm each layer's gradient is clipped to; 0 = off
 * @param checkpointEvery    checkpoint every N rounds; 0 = never
 * @param validateEvery      validate every N rounds (and after the last)
 */
public record TrainConfig(int steps, int workers, int batchPerWorker, int averagingFrequency, double lr,
                          double minLrRatio, int warmup, double weightDecay, double gradClip, int checkpointEvery,
                          int validateEvery) {
    /** Pretraining's defaults, also in {@code conf/train/pretrain.yaml}. */
    public static final TrainConfig PRETRAIN = new TrainConfig(200, 2, 8, 8, 3e-4, 0.1, 20, 0.0, 1.0, 5, 5);
    /** Supervised fine-tuning's defaults, also in {@code conf/train/sft.yaml}: a third of the LR, fewer steps. */
    public static final TrainConfig SFT = new TrainConfig(64, 2, 8, 8, 1e-4, 0.1, 4, 0.0, 1.0, 4, 2);

    /** The most steps (and warmup steps) a run may ask for: rounded step counts stay within an int. */
    public static final int MAX_STEPS = 1 << 29;

    /** Validates every value; messages name the key and the flag. */
    public TrainConfig {
        require(steps >= 1 && steps <= MAX_STEPS, "train.steps (--steps) must be in [1, " + MAX_STEPS + "], got "
                + steps);
        require(workers >= 1, "train.workers (--workers) must be >= 1, got " + workers);
        require(batchPerWorker >= 1, "train.batch_per_worker (--batch-per-worker) must be >= 1, got "
                + batchPerWorker);
        require(averagingFrequency >= 1, "train.averaging_frequency (--averaging-frequency) must be >= 1, got "
                + averagingFrequency);
        require(lr > 0 && lr < 1, "train.lr (--lr) must be in (0, 1), got " + lr);
        require(minLrRatio >= 0 && minLrRatio <= 1, "train.min_lr_ratio must be in [0, 1], got " + minLrRatio);
        require(warmup >= 0 && warmup <= MAX_STEPS, "train.warmup (--warmup) must be in [0, " + MAX_STEPS
                + "], got " + warmup);
        require(averagingFrequency <= MAX_STEPS, "train.averaging_frequency (--averaging-frequency) must be <= "
                + MAX_STEPS + ", got " + averagingFrequency);
        require(weightDecay >= 0 && weightDecay < 1, "train.weight_decay must be in [0, 1), got " + weightDecay);
        require(gradClip >= 0, "train.grad_clip must be >= 0, got " + gradClip);
        require(checkpointEvery >= 0, "train.checkpoint_every (--checkpoint-every) must be >= 0, got "
                + checkpointEvery);
        require(validateEvery >= 1, "train.validate_every (--validate-every) must be >= 1, got " + validateEvery);
    }

    /**
     * The steps the run trains: {@link #steps} rounded up to a multiple of {@link #averagingFrequency}, since every
     * worker takes that many steps per round.
     */
    public int roundedSteps() {
        return Math.toIntExact(rounds() * averagingFrequency);
    }

    /** Rounds to the end of the run. */
    public long rounds() {
        return (steps + (long) averagingFrequency - 1) / averagingFrequency;
    }

    /**
     * The learning-rate schedule: warmup to {@link #lr}, cosine to {@code lr * minLrRatio} at {@link #roundedSteps}.
     * It is a function of the global step and of this config only, so a run resumed with another {@code steps}
     * follows the curve of a run started with that many steps, from the checkpoint's step on.
     */
    public LrSchedule schedule() {
        return new LrSchedule(lr, lr * minLrRatio, warmup, Math.max(warmup + 1, roundedSteps()));
    }

    /** The settings {@link SparkTrainer} takes, for predictions of {@code seqLen} tokens per row. */
    public TrainSettings settings(int seqLen, long seed) {
        return new TrainSettings(workers, averagingFrequency, batchPerWorker, seqLen, checkpointEvery, seed);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
