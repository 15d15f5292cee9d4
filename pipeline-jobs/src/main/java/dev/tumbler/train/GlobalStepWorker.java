package dev.tumbler.train;

import java.util.Collection;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.core.storage.StatsStorageRouterProvider;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * A parameter-averaging worker whose replica starts at the run's global iteration count. DL4J's own worker builds its
 * replica from {@code ComputationGraphConfiguration.clone()}, which drops the iteration count, so every round would
 * otherwise restart schedules and Adam's bias correction at iteration 0.
 */
final class GlobalStepWorker extends ParameterAveragingTrainingWorker {
    private static final long serialVersionUID = 1L;
    private final int iteration;

    GlobalStepWorker(Broadcast<NetBroadcastTuple> broadcast, boolean saveUpdater, WorkerConfiguration configuration,
                     Collection<TrainingHook> hooks, Collection<TrainingListener> listeners,
                     StatsStorageRouterProvider router, int iteration) {
        super(broadcast, saveUpdater, configuration, hooks, listeners, router);
        this.iteration = iteration;
    }

    @Override
    public ComputationGraph getInitialModelGraph() {
        ComputationGraph graph = super.getInitialModelGraph();
        graph.getConfiguration().setIterationCount(iteration);
        return graph;
    }
}
