package dev.tumbler.bench;

import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.train.CachedRounds;
import dev.tumbler.train.RoundData;
import dev.tumbler.train.SparkTrainer;
import dev.tumbler.train.TaskThreads;
import dev.tumbler.train.TrainSettings;
import dev.tumbler.train.TrainState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The child-JVM side of {@code bench train}'s scaling and memory runs ({@link TrainScaling} starts it). It trains one
 * model either in this JVM ({@code workers = 0}) or through {@link SparkTrainer} on {@code local[workers]}, with ND4J
 * limited to {@code threads} native threads (0: ND4J's default), times {@code rounds} rounds of
 * {@code averagingFrequency} steps per replica after one warm-up round, and prints the best round's rate in one line:
 * {@code RESULT <tokens/s> <peak heap> <peak ND4J off-heap> <peak RSS>}.
 */
public final class TrainProbe {
    /** What to run. */
    record Spec(TransformerConfig model, int workers, int threads, int minibatch, int averagingFrequency, int rounds,
                long seed) {
        List<String> args() {
            return List.of(String.valueOf(model.vocabSize()), String.valueOf(model.seqLen()),
                    String.valueOf(model.dModel()), String.valueOf(model.nLayers()), String.valueOf(model.nHeads()),
                    String.valueOf(model.mlpRatio()), model.positions().name(), String.valueOf(model.bias()),
                    String.valueOf(workers),
                    String.valueOf(threads), String.valueOf(minibatch), String.valueOf(averagingFrequency),
                    String.valueOf(rounds), String.valueOf(seed));
        }

        static Spec parse(String[] a) {
            TransformerConfig model = new TransformerConfig(Integer.parseInt(a[0]), Integer.parseInt(a[1]),
                    Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]),
                    0.0, false, dev.tumbler.model.transformer.PositionEncoding.valueOf(a[6]), Boolean.parseBoolean(a[7]));
            return new Spec(model, Integer.parseInt(a[8]), Integer.parseInt(a[9]), Integer.parseInt(a[10]),
                    Integer.parseInt(a[11]), Integer.parseInt(a[12]), Long.parseLong(a[13]));
        }
    }

    private TrainProbe() {
    }

    public static void main(String[] args) {
        Spec spec = Spec.parse(args);
        TaskThreads.apply(spec.threads());                       // 0: ND4J's default
        double tokensPerSecond;
        PeakMemory.Peaks peaks;
        try (PeakMemory memory = PeakMemory.start()) {
            tokensPerSecond = spec.workers() == 0 ? single(spec) : spark(spec);
            peaks = memory.peaks();
        }
        System.out.printf("RESULT %.3f %d %d %d%n", tokensPerSecond, peaks.heapBytes(), peaks.offHeapBytes(),
                peaks.residentBytes());
        System.exit(0);
    }

    /** One replica fitting {@code averagingFrequency × rounds} minibatches after as many warm-up steps. */
    private static double single(Spec s) {
        TransformerConfig c = s.model();
        ComputationGraph graph = TransformerGraph.build(c, s.seed(), new Adam(1e-4), 1.0);
        List<org.nd4j.linalg.dataset.MultiDataSet> batches = new ArrayList<>();
        for (int i = 0; i < s.averagingFrequency(); i++) {
            batches.add(RandomBatches.of(c.vocabSize(), s.minibatch(), c.seqLen(), s.seed() + i));
        }
        batches.forEach(graph::fit);                                   // warm-up: JIT, workspaces
        double best = BestTime.seconds(s.rounds(), () -> batches.forEach(graph::fit));
        return (double) s.averagingFrequency() * s.minibatch() * c.seqLen() / best;
    }

    /** {@code workers} replicas on {@code local[workers]}, averaging every {@code averagingFrequency} steps. */
    private static double spark(Spec s) {
        TransformerConfig c = s.model();
        SparkSession spark = SparkSessions.create("tumbler-bench-train", "local[" + s.workers() + "]");
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int perRound = s.workers() * s.averagingFrequency();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                indices.add(i);
            }
            int vocab = c.vocabSize();
            int minibatch = s.minibatch();
            int seqLen = c.seqLen();
            long seed = s.seed();
            JavaRDD<MultiDataSet> data = jsc.parallelize(indices, s.workers())   // built on the executors
                    .map(i -> (MultiDataSet) RandomBatches.of(vocab, minibatch, seqLen, seed + i));
            TrainSettings settings = new TrainSettings(s.workers(), s.averagingFrequency(), minibatch, seqLen, 0, seed);
            ComputationGraph graph = TransformerGraph.build(c, seed, new Adam(1e-4), 1.0);
            SparkTrainer trainer = new SparkTrainer(jsc, graph, settings, TrainState.start(seed), null);
            RoundData rounds = CachedRounds.of(data);
            trainer.train(rounds, 1, null);                              // warm-up round
            return settings.tokensPerRound() / BestTime.seconds(s.rounds(), () -> trainer.train(rounds, 1, null));
        } finally {
            spark.stop();
        }
    }
}
