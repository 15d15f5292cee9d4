package dev.tumbler.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * A small stand-in language model (embedding → NCW softmax output with sparse labels) and synthetic data where the
 * next token is {@code (token + 1) mod V}.
 */
final class StandIn {
    static final int VOCAB = 8;
    static final int SEQ = 16;
    static final int MINIBATCH = 8;

    private StandIn() {
    }

    static ComputationGraph graph(long seed, IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("ids")
                .addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(16).build(), "ids")
                .addLayer("out", new RnnOutputLayer.Builder(new LossSparseMCXENT())
                        .nIn(16).nOut(VOCAB).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), "embed")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** {@code batches} minibatches in {@code partitions} partitions, the same every call. */
    static JavaRDD<MultiDataSet> data(int batches, int partitions) {
        Random random = new Random(42);
        List<MultiDataSet> list = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] ids = new float[MINIBATCH * SEQ];
            float[] next = new float[MINIBATCH * SEQ];
            for (int i = 0; i < MINIBATCH; i++) {
                int token = random.nextInt(VOCAB);
                for (int t = 0; t < SEQ; t++) {
                    ids[i * SEQ + t] = token;
                    token = (token + 1) % VOCAB;
                    next[i * SEQ + t] = token;
                }
            }
            list.add(new org.nd4j.linalg.dataset.MultiDataSet(
                    Nd4j.create(ids, new long[] {MINIBATCH, SEQ}, 'c'),
                    Nd4j.create(next, new long[] {MINIBATCH, 1, SEQ}, 'c')));
        }
        return TrainSpark.get().parallelize(list, partitions);
    }

    static TrainSettings settings(int checkpointEvery) {
        return new TrainSettings(2, 2, MINIBATCH, SEQ, checkpointEvery, 7);
    }
}
