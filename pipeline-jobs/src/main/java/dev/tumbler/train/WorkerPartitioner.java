package dev.tumbler.train;

import org.apache.spark.Partitioner;

/** Sends a round's minibatch with offset {@code k} to worker partition {@code k / perWorker}. */
final class WorkerPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int workers;
    private final int perWorker;

    WorkerPartitioner(int workers, int perWorker) {
        this.workers = workers;
        this.perWorker = perWorker;
    }

    @Override
    public int numPartitions() {
        return workers;
    }

    @Override
    public int getPartition(Object key) {
        return (int) ((Long) key / perWorker);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkerPartitioner p && p.workers == workers && p.perWorker == perWorker;
    }

    @Override
    public int hashCode() {
        return 31 * workers + perWorker;
    }
}
