package dev.tumbler.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.graph.scoring.ScoreFlatMapFunctionCGMultiDataSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

/**
 * Validation loss computed on the executors: DL4J scores each minibatch there with the broadcast parameters, and the
 * per-example mean, a sum over the {@code T} time steps, is divided by {@code T}. Meant for unmasked pretraining
 * windows; with label masks the division by {@code T} understates the loss.
 *
 * <p>The parameters are broadcast as a copy that this class destroys when scoring ends, not as DL4J's
 * {@code SparkComputationGraph.calculateScoreMultiDataSet} does it: that broadcasts {@code network.params()} itself,
 * and Spark closes an {@code AutoCloseable} broadcast value (an {@code INDArray} is one) when it removes the
 * broadcast, which its ContextCleaner does once the broadcast is garbage. For a network restored by
 * {@code ModelSerializer}, {@code params()} is the network's live parameter array, so the round after a validation
 * failed on released memory (docs/dl4j-findings.md, 25).
 */
public final class ValidationEval {
    /** Mean validation loss and the bits per UTF-8 byte it implies. */
    public record Result(double natsPerToken, double bitsPerByte) {
    }

    private ValidationEval() {
    }

    /**
     * @param minibatch     how many examples an executor scores at once
     * @param bytesPerToken the tokenizer's mean UTF-8 bytes per token on the validation text
     */
    public static Result evaluate(SparkComputationGraph net, JavaRDD<MultiDataSet> val, int seqLen, int minibatch,
                                  double bytesPerToken) {
        double nats = meanScore(net, val, minibatch) / seqLen;
        return new Result(nats, bitsPerByte(nats, bytesPerToken));
    }

    /** Bits per byte of a loss in nats per token: {@code loss / ln 2 / bytesPerToken}. */
    public static double bitsPerByte(double natsPerToken, double bytesPerToken) {
        if (!(bytesPerToken > 0)) {
            throw new IllegalArgumentException("bytesPerToken must be > 0, got " + bytesPerToken);
        }
        return natsPerToken / Math.log(2) / bytesPerToken;
    }

    /**
     * The network's mean score per example on {@code val}, as {@code calculateScoreMultiDataSet(val, true, minibatch)}
     * computes it (NaN for no examples), from a broadcast copy of the parameters that only this call owns.
     */
    private static double meanScore(SparkComputationGraph net, JavaRDD<MultiDataSet> val, int minibatch) {
        Tuple2<Long, Double> sum = summedScore(net.getSparkContext(), net.getNetwork(), val, minibatch);
        return sum._2() / sum._1();
    }

    /**
     * The examples of {@code val} and the sum of {@code graph}'s per-example scores over them (with label masks: the
     * sum of weight × cross-entropy), computed on the executors from a broadcast copy of the parameters that only
     * this call owns.
     */
    public static Tuple2<Long, Double> summedScore(JavaSparkContext sc, ComputationGraph graph,
                                                   JavaRDD<MultiDataSet> val, int minibatch) {
        Broadcast<INDArray> params = sc.broadcast(graph.params().dup());
        try {
            return val.mapPartitions(new ScoreFlatMapFunctionCGMultiDataSet(
                            graph.getConfiguration().toJson(), params, minibatch))
                    .fold(new Tuple2<>(0L, 0.0), (a, b) -> new Tuple2<>(a._1() + b._1(), a._2() + b._2()));
        } finally {
            params.destroy();
        }
    }
}
