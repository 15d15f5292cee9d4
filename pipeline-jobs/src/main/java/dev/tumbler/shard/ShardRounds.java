package dev.tumbler.shard;

import dev.tumbler.ingest.pipeline.HadoopConfBlob;
import dev.tumbler.model.data.BatchConfig;
import dev.tumbler.model.data.TokenBatches;
import dev.tumbler.model.data.TokenWindow;
import dev.tumbler.train.RoundData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@link RoundData} streamed from a split's Parquet files: nothing is cached, and a round reads only the row groups
 * that hold its minibatches. Opening indexes the row groups once on the driver ({@link RowGroupIndex}, footers only);
 * the windows in that order (files by name, row groups, rows) make minibatch {@code i} = windows
 * {@code [i·minibatch, (i+1)·minibatch)}, and a final partial minibatch is dropped. A round is {@code workers}
 * partitions; partition {@code w}'s task reads its {@code perWorker} minibatches' windows from the files and builds
 * them on the executor, so a round's cost does not grow with the shards. Rounds are a pure function of the position
 * and of the files.
 */
public final class ShardRounds implements RoundData {
    private final JavaSparkContext jsc;
    private final Broadcast<RowGroupIndex> index;
    private final Broadcast<HadoopConfBlob> conf;
    private final BatchConfig config;
    private final WindowDecoder decoder;
    private final BatchBuilder builder;     // non-null: minibatches built from raw rows instead of windows
    private final long size;

    private ShardRounds(JavaSparkContext jsc, Broadcast<RowGroupIndex> index, Broadcast<HadoopConfBlob> conf,
                        BatchConfig config, WindowDecoder decoder, BatchBuilder builder, long size) {
        this.jsc = jsc;
        this.index = index;
        this.conf = conf;
        this.config = config;
        this.decoder = decoder;
        this.builder = builder;
        this.size = size;
    }

    /**
     * Indexes the Parquet files under {@code splitUri} with the session's Hadoop configuration.
     *
     * @param config  window length and minibatch size, and whether minibatches carry label masks ({@code dropLast}
     *                is not used: a round only ever holds whole minibatches)
     * @param decoder turns a row into a window of {@code config.seqLen() + 1} tokens
     */
    public static ShardRounds open(SparkSession spark, String splitUri, BatchConfig config, WindowDecoder decoder) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RowGroupIndex rowGroups = RowGroupIndex.read(splitUri, jsc.hadoopConfiguration());
        long size = rowGroups.rows() / config.minibatch();
        BatchConfig whole = new BatchConfig(config.seqLen(), config.minibatch(), config.withMasks(), false);
        return new ShardRounds(jsc, jsc.broadcast(rowGroups), jsc.broadcast(new HadoopConfBlob(
                jsc.hadoopConfiguration())), whole, decoder, null, size);
    }

    /**
     * Indexes the Parquet files under {@code splitUri} like {@link #open(SparkSession, String, BatchConfig,
     * WindowDecoder)}, but each round's task hands its rows to {@code builder}: minibatch {@code i} is rows
     * {@code [i·minibatch, (i+1)·minibatch)}.
     */
    public static ShardRounds open(SparkSession spark, String splitUri, int minibatch, BatchBuilder builder) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RowGroupIndex rowGroups = RowGroupIndex.read(splitUri, jsc.hadoopConfiguration());
        // seqLen is not used on this path: the builder knows its rows' layout.
        BatchConfig whole = new BatchConfig(1, minibatch, false, false);
        return new ShardRounds(jsc, jsc.broadcast(rowGroups), jsc.broadcast(new HadoopConfBlob(
                jsc.hadoopConfiguration())), whole, null, builder, rowGroups.rows() / minibatch);
    }

    @Override
    public long size() {
        return size;
    }

    /** The row groups this reads from. */
    public RowGroupIndex index() {
        return index.value();
    }

    @Override
    public JavaRDD<MultiDataSet> round(long position, int workers, int perWorker) {
        long count = (long) workers * perWorker;
        if (workers < 1 || perWorker < 1) {
            throw new IllegalArgumentException("workers and perWorker must be >= 1, got " + workers + ", "
                    + perWorker);
        }
        if (size < count) {
            throw new IllegalArgumentException("a round needs " + count + " minibatches but the data has only "
                    + size);
        }
        long first = Math.floorMod(position, size);
        List<Integer> slots = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            slots.add(w);
        }
        Broadcast<RowGroupIndex> rowGroups = index;
        Broadcast<HadoopConfBlob> hadoop = conf;
        BatchConfig batch = config;
        WindowDecoder rows = decoder;
        long total = size;
        if (builder != null) {
            return rowRound(slots, first, perWorker, builder);
        }
        return jsc.parallelize(slots, workers).mapPartitionsWithIndex(
                (Function2<Integer, Iterator<Integer>, Iterator<MultiDataSet>>) (w, ignored) -> {
                    RowGroupWindows[] parts = windows(rowGroups.value(), hadoop.value().get(), rows, batch.minibatch(),
                            total, first + (long) w * perWorker, perWorker);
                    TaskContext task = TaskContext.get();
                    if (task != null) {
                        task.addTaskCompletionListener(t -> {
                            for (RowGroupWindows p : parts) {
                                p.close();
                            }
                        });
                    }
                    return new TokenBatches(concat(parts), batch);
                }, true);
    }

    private JavaRDD<MultiDataSet> rowRound(List<Integer> slots, long first, int perWorker, BatchBuilder build) {
        Broadcast<RowGroupIndex> rowGroups = index;
        Broadcast<HadoopConfBlob> hadoop = conf;
        int minibatch = config.minibatch();
        long total = size;
        return jsc.parallelize(slots, slots.size()).mapPartitionsWithIndex(
                (Function2<Integer, Iterator<Integer>, Iterator<MultiDataSet>>) (w, ignored) -> {
                    long from = Math.floorMod(first + (long) w * perWorker, total);
                    long direct = Math.min(perWorker, total - from);
                    List<RowGroupWindows> parts = new ArrayList<>();
                    parts.add(new RowGroupWindows(rowGroups.value(), hadoop.value().get(), build.columns(),
                            from * minibatch, (from + direct) * minibatch));
                    if (direct < perWorker) {
                        parts.add(new RowGroupWindows(rowGroups.value(), hadoop.value().get(), build.columns(), 0,
                                (perWorker - direct) * minibatch));
                    }
                    TaskContext task = TaskContext.get();
                    if (task != null) {
                        task.addTaskCompletionListener(t -> {
                            parts.forEach(RowGroupWindows::close);
                        });
                    }
                    return build.batches(rows(parts), minibatch);
                }, true);
    }

    private static Iterator<Group> rows(List<RowGroupWindows> parts) {
        Iterator<RowGroupWindows> each = parts.iterator();
        return new Iterator<>() {
            private RowGroupWindows current = each.next();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && each.hasNext()) {
                    current = each.next();
                }
                return current.hasNext();
            }

            @Override
            public Group next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("no rows left");
                }
                return current.nextRow();
            }
        };
    }

    /**
     * The windows of minibatches {@code start, start+1, … start+n-1} (mod {@code size}): one run, or two when they
     * wrap past the end of the pass.
     */
    static RowGroupWindows[] windows(RowGroupIndex index, org.apache.hadoop.conf.Configuration conf,
                                     WindowDecoder decoder, int minibatch, long size, long start, long n) {
        long from = Math.floorMod(start, size);
        long direct = Math.min(n, size - from);
        RowGroupWindows head = new RowGroupWindows(index, conf, decoder, from * minibatch,
                (from + direct) * minibatch);
        if (direct == n) {
            return new RowGroupWindows[] {head};
        }
        return new RowGroupWindows[] {head, new RowGroupWindows(index, conf, decoder, 0, (n - direct) * minibatch)};
    }

    private static Iterator<TokenWindow> concat(RowGroupWindows[] parts) {
        List<Iterator<TokenWindow>> list = new ArrayList<>(List.of(parts));
        Collections.reverse(list);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (!list.isEmpty()) {
                    if (list.get(list.size() - 1).hasNext()) {
                        return true;
                    }
                    list.remove(list.size() - 1);
                }
                return false;
            }

            @Override
            public TokenWindow next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("no windows left");
                }
                return list.get(list.size() - 1).next();
            }
        };
    }
}
