package dev.tumbler.train;

import java.util.Collection;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.core.storage.StatsStorageRouterProvider;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameter-averaging worker whose replica starts at the run's global iteration count, which reuses the
 * executor's replica from the previous round ({@link ReplicaPool}), and which runs ND4J on as many native threads as
 * the task has CPUs ({@link TaskThreads}). DL4J's own worker builds its replica from
 * {@code ComputationGraphConfiguration.clone()}, which drops the iteration count, so every round would otherwise
 * restart schedules and Adam's bias correction at iteration 0; and it builds a new graph every round.
 */
final class GlobalStepWorker extends ParameterAveragingTrainingWorker {
    private static final long serialVersionUID = 2L;
    private final Broadcast<NetBroadcastTuple> model;
    private final int iteration;
    /** The pool key of this task's replica, set when the replica is built or taken (each task has its own copy). */
    private transient String replicaKey;

    GlobalStepWorker(Broadcast<NetBroadcastTuple> broadcast, boolean saveUpdater, WorkerConfiguration configuration,
                     Collection<TrainingHook> hooks, Collection<TrainingListener> listeners,
                     StatsStorageRouterProvider router, int iteration) {
        super(broadcast, saveUpdater, configuration, hooks, listeners, router);
        this.model = broadcast;
        this.iteration = iteration;
    }

    @Override
    public ComputationGraph getInitialModelGraph() {
        TaskThreads.matchSparkTaskCpus();
        NetBroadcastTuple tuple = model.getValue();
        // A replica is reused only with the broadcast updater state to assign into it (saveUpdater(true), as
        // SparkTrainer sets): without it a reused replica would keep its own state from the previous round, where
        // DL4J starts a fresh one. Replicas also go back to the pool only through getFinalResult, which DL4J skips
        // when it collects training stats; those rounds then build their replica anew.
        replicaKey = tuple.getUpdaterState() == null ? null : ReplicaPool.keyOf(tuple.getGraphConfiguration());
        ComputationGraph graph = replicaKey == null ? null : ReplicaPool.take(replicaKey);
        if (graph == null) {
            graph = super.getInitialModelGraph();
        } else {
            graph.setParams(tuple.getParameters());
            graph.getUpdater().getUpdaterStateViewArray().assign(tuple.getUpdaterState());
            graph.getConfiguration().setEpochCount(tuple.getGraphConfiguration().getEpochCount());
        }
        graph.getConfiguration().setIterationCount(iteration);
        return graph;
    }

    /** The round's result with its own copies of parameters and updater state; then the replica goes back to the pool. */
    @Override
    public ParameterAveragingTrainingResult getFinalResult(ComputationGraph network) {
        ParameterAveragingTrainingResult r = super.getFinalResult(network);
        INDArray updater = r.getUpdaterState() == null ? null : r.getUpdaterState().dup();
        ParameterAveragingTrainingResult own = new ParameterAveragingTrainingResult(r.getParameters().dup(), updater,
                r.getScore(), r.getSparkTrainingStats(), r.getListenerMetaData(), r.getListenerStaticInfo(),
                r.getListenerUpdates());
        if (replicaKey != null) {
            ReplicaPool.give(network, replicaKey);
        }
        return own;
    }
}
