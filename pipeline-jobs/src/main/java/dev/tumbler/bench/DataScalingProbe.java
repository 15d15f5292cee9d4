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
 * one model through {@link SparkTrainer} on {@code local[workers]}, streamed by {@link ShardRounds} from the shard
 * files of one or more split folders: one warm-up round at position 0 on each, then {@code rounds} timed rounds on
 * each at positions spread over its pass ({@code size·(r+1)/(rounds+1)}, so a larger corpus is read from files deep
 * inside it), the folders taking turns so that a change in the machine's load hits them alike. Then as
 * many reads: a round's RDD counted without training (its minibatches built from the files and dropped), at
 * positions between those of the timed rounds. Prints per folder
 * {@code RESULT <index> <minibatches in the pass> <best round s> <median round s> <best read s> <median read s>} and
 * one line {@code PEAKS <heap> <native> <RSS>} for the JVM.
 */
public final class DataScalingProbe {
    private DataScalingProbe() {
    }

    /** Arguments: the split folders, comma-separated, then {@link TrainProbe.Spec#args()} with {@code workers >= 1}. */
    static List<String> args(List<String> splitUris, TrainProbe.Spec spec) {
        List<String> a = new java.util.ArrayList<>();
        a.add(String.join(",", splitUris));
        a.addAll(spec.args());
        return a;
    }

    public static void main(String[] args) {
        String[] splits = args[0].split(",");
        TrainProbe.Spec s = TrainProbe.Spec.parse(Arrays.copyOfRange(args, 1, args.length));
        TransformerConfig c = s.model();
        int n = splits.length;
        double[][] seconds = new double[n][s.rounds()];
        double[][] reads = new double[n][s.rounds()];
        long[] sizes = new long[n];
        PeakMemory.Peaks peaks;
        SparkSession spark = SparkSessions.create("tumbler-bench-data-scaling", "local[" + s.workers() + "]");
        try (PeakMemory memory = PeakMemory.start()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ShardRounds[] shards = new ShardRounds[n];
            for (int i = 0; i < n; i++) {
                shards[i] = ShardRounds.open(spark, splits[i], new BatchConfig(c.seqLen(), s.minibatch(), false,
                        true), WindowDecoder.PACKED_TOKENS);
                sizes[i] = shards[i].size();
            }
            TrainSettings settings = new TrainSettings(s.workers(), s.averagingFrequency(), s.minibatch(), c.seqLen(),
                    0, s.seed());
            ComputationGraph graph = TransformerGraph.build(c, s.seed(), new Adam(1e-4), 1.0);
            SparkTrainer trainer = new SparkTrainer(jsc, graph, settings, TrainState.start(s.seed()), null);
            for (ShardRounds data : shards) {
                trainer.train(data, 1, null);                                       // warm-up at position 0
            }
            for (int r = 0; r < s.rounds(); r++) {
                for (int k = 0; k < n; k++) {
                    int i = r % 2 == 0 ? k : n - 1 - k;                              // alternate which goes first
                    long offset = sizes[i] * (r + 1) / (s.rounds() + 1);
                    long t0 = System.nanoTime();
                    trainer.train(new Shifted(shards[i], offset), 1, null);
                    seconds[i][r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            for (int r = 0; r < s.rounds(); r++) {                                  // the reads alone
                for (int k = 0; k < n; k++) {
                    int i = r % 2 == 0 ? k : n - 1 - k;
                    long position = sizes[i] * (2 * r + 1) / (2L * s.rounds() + 2);
                    long t0 = System.nanoTime();
                    long count = shards[i].round(position, s.workers(), s.averagingFrequency()).count();
                    reads[i][r] = (System.nanoTime() - t0) / 1e9;
                    if (count != settings.batchesPerRound()) {
                        throw new IllegalStateException("a round held " + count + " minibatches, not "
                                + settings.batchesPerRound());
                    }
                }
            }
            peaks = memory.peaks();
        } finally {
            spark.stop();
        }
        for (int i = 0; i < n; i++) {
            Samples times = new Samples(seconds[i]);
            Samples readTimes = new Samples(reads[i]);
            System.out.printf("RESULT %d %d %.4f %.4f %.4f %.4f%n", i, sizes[i], times.min(), times.median(),
                    readTimes.min(), readTimes.median());
        }
        System.out.printf("PEAKS %d %d %d%n", peaks.heapBytes(), peaks.offHeapBytes(), peaks.residentBytes());
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
