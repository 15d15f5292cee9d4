package dev.tumbler.train;

import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * {@link ParameterAveragingTrainingMaster} whose workers continue from the driver network's iteration count (see
 * {@link GlobalStepWorker}). Everything else, averaging of parameters and updater state included, is DL4J's.
 */
final class GlobalStepTrainingMaster extends ParameterAveragingTrainingMaster {
    GlobalStepTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph network) {
        ComputationGraph graph = network.getNetwork();
        NetBroadcastTuple tuple = new NetBroadcastTuple(graph.getConfiguration(), graph.params(),
                graph.getUpdater().getStateViewArray());
        Broadcast<NetBroadcastTuple> broadcast = network.getSparkContext().broadcast(tuple);
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new GlobalStepWorker(broadcast, saveUpdater, configuration, trainingHookList, listeners,
                getRouterProvider(), graph.getConfiguration().getIterationCount());
    }
}
