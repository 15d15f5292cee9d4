package dev.tumbler.train;

import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Training minibatches cut into rounds by position. The data is an endless repetition of one pass of
 * {@link #size()} minibatches, so position {@code p} is minibatch {@code p mod size()}; a round is a pure function of
 * its start position, so a resumed run sees exactly the minibatches an uninterrupted one sees.
 */
public interface RoundData {
    /** Minibatches in one pass over the data. */
    long size();

    /**
     * The {@code workers × perWorker} minibatches from {@code position} on (wrapping), as exactly {@code workers}
     * partitions of {@code perWorker} minibatches each in position order: partition {@code w} holds offsets
     * {@code [w·perWorker, (w+1)·perWorker)}.
     *
     * @throws IllegalArgumentException when one pass holds fewer than {@code workers × perWorker} minibatches
     */
    JavaRDD<MultiDataSet> round(long position, int workers, int perWorker);

    /** {@link CachedRounds#of}: rounds cut from an RDD of minibatches (cache it, or each round reads it whole). */
    static RoundData of(JavaRDD<MultiDataSet> data) {
        return CachedRounds.of(data);
    }
}
