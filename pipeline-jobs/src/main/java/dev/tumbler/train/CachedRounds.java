package dev.tumbler.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

/**
 * {@link RoundData} over an RDD of minibatches, usually cached whole on the executors. Minibatch {@code i} is the
 * {@code i}-th in partition order. The source RDD must give the same minibatches in the same order each time it is
 * computed, which makes a round a pure function of its start position. Each round is a shuffle of the selected
 * minibatches to their workers; an uncached source is read in full for every round, so for Parquet shards
 * {@code dev.tumbler.shard.ShardRounds} (which reads only the row groups a round needs) is the streaming choice.
 */
public final class CachedRounds implements RoundData {
    private final JavaRDD<MultiDataSet> data;
    private final long[] starts; // starts[p] = global index of partition p's first minibatch; starts[n] = size

    private CachedRounds(JavaRDD<MultiDataSet> data, long[] starts) {
        this.data = data;
        this.starts = starts;
    }

    /** Indexes {@code data}: one pass on the executors that counts the minibatches of each partition. */
    public static CachedRounds of(JavaRDD<MultiDataSet> data) {
        List<Tuple2<Integer, Long>> counts = data.mapPartitionsWithIndex(
                (Function2<Integer, Iterator<MultiDataSet>, Iterator<Tuple2<Integer, Long>>>) (p, it) -> {
                    long n = 0;
                    while (it.hasNext()) {
                        it.next();
                        n++;
                    }
                    return Collections.singletonList(new Tuple2<>(p, n)).iterator();
                }, true).collect();
        long[] starts = new long[data.getNumPartitions() + 1];
        for (Tuple2<Integer, Long> c : counts) {
            starts[c._1() + 1] = c._2();
        }
        for (int p = 1; p < starts.length; p++) {
            starts[p] += starts[p - 1];
        }
        return new CachedRounds(data, starts);
    }

    @Override
    public long size() {
        return starts[starts.length - 1];
    }

    /** {@inheritDoc} Partitions of the source that hold none of the round's minibatches are not read. */
    @Override
    public JavaRDD<MultiDataSet> round(long position, int workers, int perWorker) {
        long size = size();
        long count = (long) workers * perWorker;
        if (size < count) {
            throw new IllegalArgumentException("a round needs " + count + " minibatches but the data has only " + size);
        }
        long first = Math.floorMod(position, size);
        boolean[] wanted = new boolean[starts.length - 1];
        for (int p = 0; p < wanted.length; p++) {
            wanted[p] = overlaps(starts[p], starts[p + 1], first, count, size);
        }
        long[] bounds = starts;
        return data.mapPartitionsWithIndex(
                        (Function2<Integer, Iterator<MultiDataSet>, Iterator<Tuple2<Long, MultiDataSet>>>) (p, it) ->
                                wanted[p] ? select(it, bounds[p], first, count, size)
                                        : Collections.emptyIterator(), true)
                .mapToPair(t -> t)
                .repartitionAndSortWithinPartitions(new WorkerPartitioner(workers, perWorker))
                .values();
    }

    /** Whether global indices {@code [from, to)} meet the window of {@code count} from {@code first}, wrapping. */
    private static boolean overlaps(long from, long to, long first, long count, long size) {
        long end = first + count;
        boolean direct = from < Math.min(end, size) && first < to;
        boolean wrapped = end > size && from < end - size;
        return from < to && (direct || wrapped);
    }

    /** The minibatches of one partition (first global index {@code base}) inside the window, keyed by offset. */
    private static Iterator<Tuple2<Long, MultiDataSet>> select(Iterator<MultiDataSet> it, long base, long first,
                                                               long count, long size) {
        List<Tuple2<Long, MultiDataSet>> out = new ArrayList<>();
        long index = base;
        while (it.hasNext()) {
            MultiDataSet batch = it.next();
            long offset = Math.floorMod(index++ - first, size);
            if (offset < count) {
                out.add(new Tuple2<>(offset, batch));
            }
        }
        return out.iterator();
    }
}
