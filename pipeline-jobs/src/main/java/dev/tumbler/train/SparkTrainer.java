package dev.tumbler.train;

import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Trains any {@link ComputationGraph} on Spark by synchronous parameter averaging, in rounds. One round takes the next
 * {@code workers × averagingFrequency} minibatches of a {@link RoundData} (a pure function of the data position),
 * gives each worker {@code averagingFrequency} of them, and averages parameters and updater state. After each round it
 * checks the loss and parameters are finite, checkpoints when due, and reports progress.
 *
 * <p>Iteration count: DL4J's {@code ParameterAveragingTrainingMaster} adds {@code averagingFrequency} to the driver
 * network's configuration iteration count after each averaging, but its workers rebuild their replica from
 * {@code ComputationGraphConfiguration.clone()}, which drops the count, so each round would restart at iteration 0.
 * {@link GlobalStepTrainingMaster} hands the driver's count to the workers, and the trainer sets that count from
 * {@link TrainState#iteration()} before every round, so schedules and Adam's bias correction see a global step that
 * a resumed run reproduces.
 */
public final class SparkTrainer {
    private final SparkComputationGraph net;
    private final TrainSettings settings;
    private final CheckpointPlan checkpoints;
    private TrainState state;
    private Path lastCheckpoint;

    /**
     * @param graph       an initialised network, fresh or loaded from a checkpoint
     * @param state       where the run stands ({@link TrainState#start} for a new run)
     * @param checkpoints where to checkpoint, or null for no checkpoints
     */
    public SparkTrainer(JavaSparkContext sc, ComputationGraph graph, TrainSettings settings, TrainState state,
                        CheckpointPlan checkpoints) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.state = Objects.requireNonNull(state, "state");
        this.checkpoints = checkpoints;
        this.net = new SparkComputationGraph(sc, graph, trainingMaster(settings));
    }

    /** Parameter averaging that keeps the round's partitions (one per worker) and its minibatches as they are. */
    static ParameterAveragingTrainingMaster trainingMaster(TrainSettings s) {
        return new GlobalStepTrainingMaster(new ParameterAveragingTrainingMaster.Builder(s.workers(), s.minibatch())
                .batchSizePerWorker(s.minibatch())
                .averagingFrequency(s.averagingFrequency())
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Never)
                .rngSeed(s.seed())
                .collectTrainingStats(false));
    }

    /**
     * Trains {@code rounds} more rounds on {@code data}, reporting each to {@code listener} (may be null).
     *
     * @return the state after the last round
     * @throws NonFiniteLossException when the loss or the parameters stop being finite; nothing is checkpointed then
     */
    public TrainState train(RoundData data, int rounds, ProgressListener listener) {
        long started = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            ComputationGraph graph = net.getNetwork();
            graph.getConfiguration().setIterationCount(Math.toIntExact(state.iteration()));
            JavaRDD<MultiDataSet> batches =
                    data.round(state.batches(), settings.workers(), settings.averagingFrequency());
            long t0 = System.nanoTime();
            net.fitMultiDataSet(batches);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double loss = net.getScore() / settings.seqLen();
            if (!Double.isFinite(loss) || !finite(net.getNetwork().params())) {
                throw new NonFiniteLossException(state.round() + 1, loss, lastCheckpoint);
            }
            state = state.next(settings);
            // The listener (which writes the run's metrics) goes first: a run killed between the two then resumes
            // from the previous checkpoint and writes this round's row again, instead of missing it.
            if (listener != null) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                double eta = elapsed / (r + 1) * (rounds - r - 1);
                listener.onRound(new RoundProgress(state, loss, learningRate(state.iteration() - 1),
                        settings.tokensPerRound() / seconds, seconds, eta));
            }
            if (checkpoints != null && settings.checkpointEveryRounds() > 0
                    && state.round() % settings.checkpointEveryRounds() == 0) {
                checkpoint();
            }
        }
        return state;
    }

    /** Writes a checkpoint of the current network and state now; returns its folder. */
    public Path checkpoint() {
        if (checkpoints == null) {
            throw new IllegalStateException("this trainer has no checkpoint plan");
        }
        lastCheckpoint = Checkpoint.save(checkpoints.dir(), checkpoints.conf(), net.getNetwork(), state,
                checkpoints.configJson());
        return lastCheckpoint;
    }

    /** The network on the driver, holding the averaged parameters and updater state. */
    public ComputationGraph graph() {
        return net.getNetwork();
    }

    /**
     * The Spark wrapper, for evaluation on the executors ({@link ValidationEval}). Its own scoring and evaluation
     * methods broadcast {@code params()} itself, which Spark closes when it cleans the broadcast up; for a network
     * restored from a checkpoint that is the live parameter array (docs/dl4j-findings.md, 25).
     */
    public SparkComputationGraph sparkGraph() {
        return net;
    }

    public TrainState state() {
        return state;
    }

    /** The last checkpoint this trainer wrote, or null. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }

    /** The learning rate the first trainable parameter's updater uses at {@code iteration} (NaN if none has one). */
    public double learningRate(long iteration) {
        for (Layer layer : net.getNetwork().getLayers()) {
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                IUpdater u = layer.conf().getLayer().getUpdaterByParam(p.getKey());
                if (u != null && u.hasLearningRate()) {
                    return u.getLearningRate(Math.toIntExact(Math.max(0, iteration)), 0);
                }
            }
        }
        return Double.NaN;
    }

    /** Whether all values are finite: a sum is NaN or infinite as soon as one term is. */
    private static boolean finite(INDArray params) {
        return Double.isFinite(params.sumNumber().doubleValue());
    }
}
