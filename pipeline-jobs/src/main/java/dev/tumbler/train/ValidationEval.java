package dev.tumbler.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Validation loss computed on the executors: DL4J scores each minibatch there with the broadcast parameters, and the
 * per-example mean, a sum over the {@code T} time steps, is divided by {@code T}. Meant for unmasked pretraining
 * windows; with label masks the division by {@code T} understates the loss.
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
        double perExample = net.calculateScoreMultiDataSet(val, true, minibatch);
        double nats = perExample / seqLen;
        return new Result(nats, bitsPerByte(nats, bytesPerToken));
    }

    /** Bits per byte of a loss in nats per token: {@code loss / ln 2 / bytesPerToken}. */
    public static double bitsPerByte(double natsPerToken, double bytesPerToken) {
        if (!(bytesPerToken > 0)) {
            throw new IllegalArgumentException("bytesPerToken must be > 0, got " + bytesPerToken);
        }
        return natsPerToken / Math.log(2) / bytesPerToken;
    }
}
