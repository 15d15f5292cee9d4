package dev.tumbler.train;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What a phase that trains a graph supplies to {@link TrainingRun}: its graph, its data and its extra metrics. The
 * run owns everything else (rounds, schedule, clipping, validation interval, checkpoints and resume, progress,
 * metrics and report).
 */
public interface TrainingPhase {
    /** The phase's name, e.g. {@code pretrain}; runs live under {@code _runs/<name>/}. */
    String name();

    /** Predicted positions per row: what DL4J's per-row score is divided by to give the loss per token. */
    int seqLen();

    /**
     * A freshly initialised graph that trains with {@code updater}, decoupled weight decay {@code weightDecay} and
     * per-layer gradient clipping at {@code gradientClip} (0: none). A resumed run builds one too and assigns the
     * checkpoint's parameters and updater state into it, so the optimizer settings are always the request's.
     */
    ComputationGraph newGraph(IUpdater updater, double weightDecay, double gradientClip);

    /**
     * The facts a checkpoint must share with this run to be resumed, by name (the model config, the tokenizer and
     * its sha256, the data): a checkpoint that differs in any is refused with both values named.
     */
    Map<String, String> identity();

    /** The training minibatches, cut into rounds by position. */
    RoundData trainData();

    /** The names of the metrics {@link #validate} returns, in order: columns of {@code metrics.csv}. */
    List<String> validationColumns();

    /** Held-out metrics of the current parameters, computed on the executors, keyed by {@link #validationColumns}. */
    Map<String, Double> validate(SparkComputationGraph net);
}
