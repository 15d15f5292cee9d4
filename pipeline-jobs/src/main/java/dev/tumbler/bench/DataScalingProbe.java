package dev.tumbler.bench;

import dev.tumbler.model.data.BatchConfig;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import dev.tumbler.shard.ShardRounds;
import dev.tumbler.shard.WindowDecoder;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.train.RoundData;
import dev.tumbler.train.SparkTrainer;
import dev.tumbler.train.TrainSettings;
import dev.tumbler.train.TrainState;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The child-JVM side of {@code bench train}'s data-scaling run ({@link DataScaling} starts it): pretraining rounds of
 * one model through {@link SparkTrainer} on {@code local[workers]}, streamed from the shard files under one folder by
 * {@link ShardRounds}. One warm-up round at position 0, then {@code rounds} timed rounds at positions spread over the
 * pass ({@code size·(r+1)/(rounds+1)}), so a larger corpus is read from files deep inside it. Prints one line:
 * {@code RESULT <minibatches in the pass> <best round s> <median round s> <peak heap> <peak native> <peak RSS>
 * <best read s> <median read s>}, where a read is one round's RDD counted without training (its minibatches built
 * from the files and dropped), at positions between those of the timed rounds.
 */
public final class DataScalingProbe {
    private DataScalingProbe() {
    }

    /** Arguments: the split folder, then {@link TrainProbe.Spec#args()} with {@code workers >= 1}. */
    static List<String> args(String splitUri, TrainProbe.Spec spec) {
        List<String> a = new java.util.ArrayList<>();
        a.add(splitUri);
        a.addAll(spec.args());
        return a;
    }

    public static void main(String[] args) {
        String split = args[0];
        TrainProbe.Spec s = TrainProbe.Spec.parse(Arrays.copyOfRange(args, 1, args.length));
        TransformerConfig c = s.model();
        double[] seconds = new double[s.rounds()];
        double[] reads = new double[s.rounds()];
        long size;
        PeakMemory.Peaks peaks;
        SparkSession spark = SparkSessions.create("tumbler-bench-data-scaling", "local[" + s.workers() + "]");
        try (PeakMemory memory = PeakMemory.start()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ShardRounds shards = ShardRounds.open(spark, split, new BatchConfig(c.seqLen(), s.minibatch(), false,
                    true), WindowDecoder.PACKED_TOKENS);
            size = shards.size();
            TrainSettings settings = new TrainSettings(s.workers(), s.averagingFrequency(), s.minibatch(), c.seqLen(),
                    0, s.seed());
            ComputationGraph graph = TransformerGraph.build(c, s.seed(), new Adam(1e-4), 1.0);
            SparkTrainer trainer = new SparkTrainer(jsc, graph, settings, TrainState.start(s.seed()), null);
            trainer.train(shards, 1, null);                                         // warm-up at position 0
            for (int r = 0; r < s.rounds(); r++) {
                long offset = size * (r + 1) / (s.rounds() + 1);
                RoundData shifted = new Shifted(shards, offset);
                long t0 = System.nanoTime();
                trainer.train(shifted, 1, null);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
            }
            for (int r = 0; r < s.rounds(); r++) {                               // the reads alone
                long position = size * (2 * r + 1) / (2L * s.rounds() + 2);
                long t0 = System.nanoTime();
                long n = shards.round(position, s.workers(), s.averagingFrequency()).count();
                reads[r] = (System.nanoTime() - t0) / 1e9;
                if (n != settings.batchesPerRound()) {
                    throw new IllegalStateException("a round held " + n + " minibatches, not "
                            + settings.batchesPerRound());
                }
            }
            peaks = memory.peaks();
        } finally {
            spark.stop();
        }
        Samples times = new Samples(seconds);
        Samples readTimes = new Samples(reads);
        System.out.printf("RESULT %d %.4f %.4f %d %d %d %.4f %.4f%n", size, times.min(), times.median(),
                peaks.heapBytes(), peaks.offHeapBytes(), peaks.residentBytes(), readTimes.min(), readTimes.median());
        System.exit(0);
    }

    /** The rounds of {@code data} shifted by {@code offset} minibatches. */
    private record Shifted(RoundData data, long offset) implements RoundData {
        @Override
        public long size() {
            return data.size();
        }

        @Override
        public JavaRDD<MultiDataSet> round(long position, int workers, int perWorker) {
            return data.round(position + offset, workers, perWorker);
        }
    }
}
