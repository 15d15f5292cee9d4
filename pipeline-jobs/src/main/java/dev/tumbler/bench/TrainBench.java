package dev.tumbler.bench;

import dev.tumbler.config.ConfigResolver;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@code tumbler bench train}, single-JVM part: training throughput of the transformer presets in
 * tokens/s and achieved FLOP/s, against this machine's sgemm ceiling (ND4J {@code mmul} at n=2048) measured
 * between that preset's timed steps (the best of those samples: on a shared machine the ceiling drifts by 10-25%
 * within minutes, so it is measured while the steps run), and against the step's own matrix multiplies timed alone
 * ({@link MatmulBound}). FLOPs per token = 6·N + 12·layers·seqLen·d_model, N without the
 * token-embedding table (output projection included). Each preset first trains for a warm-up time (the JIT
 * compiler works through DL4J's and SameDiff's code for the first dozen steps or so and takes a core from the
 * training while it does), then the timed steps are averaged. The Spark part is {@link TrainScaling}.
 */
public final class TrainBench {
    private final List<Path> presets;
    private final int vocab;
    private final int minibatch;
    private final int steps;
    private final double warmupSeconds;
    private final long seed;
    private final PrintStream out;

    public TrainBench(List<Path> presets, int vocab, int minibatch, int steps, double warmupSeconds, long seed,
                      PrintStream out) {
        this.presets = presets;
        this.vocab = vocab;
        this.minibatch = minibatch;
        this.steps = steps;
        this.warmupSeconds = warmupSeconds;
        this.seed = seed;
        this.out = out;
    }

    public int run() {
        List<Row> rows = new ArrayList<>();
        for (Path preset : presets) {
            rows.add(measure(preset));
        }
        out.printf("bench train: sgemm ceiling (ND4J mmul, n=2048, FP32) measured between each preset's timed steps; "
                + "%d threads%n", Runtime.getRuntime().availableProcessors());
        out.printf("  %-10s %7s %6s %5s %9s %7s %9s %9s %8s %8s %9s %9s %9s%n", "preset", "d_model", "layers", "T",
                "params", "warm-up", "s/step", "tokens/s", "GFLOP/s", "sgemm", "ceiling", "matmuls", "of step");
        for (Row r : rows) {
            TransformerConfig c = r.config();
            double tokensPerSecond = (double) minibatch * c.seqLen() / r.secondsPerStep();
            double gflops = flopsPerToken(c) * tokensPerSecond / 1e9;
            out.printf("  %-10s %7d %6d %5d %9d %7d %9.3f %9.0f %8.1f %8.1f %8.1f%% %8.1f%% %8.1f%%%n",
                    r.preset().getFileName(), c.dModel(), c.nLayers(), c.seqLen(), c.parameterCount(), r.warmupSteps(),
                    r.secondsPerStep(), tokensPerSecond, gflops, r.ceiling(), 100 * gflops / r.ceiling(),
                    100 * r.matmuls().gflops() / r.ceiling(), 100 * r.matmuls().seconds() / r.secondsPerStep());
        }
        out.println("sgemm: the best n=2048 multiply (GFLOP/s) of those timed between the preset's steps; ceiling: "
                + "GFLOP/s as a share of it; matmuls: the step's matrix multiplies timed alone at this model's shapes "
                + "(ND4J matmul), their GFLOP/s as a share of it (the most a graph of this shape can reach here); "
                + "of step: their time alone as a share of the training step's time");
        out.println("goals: small (d_model 512) >= 60% of the ceiling, mini (d_model 256) >= 40% (vocab " + vocab
                + ", minibatch " + minibatch + ", mean of " + steps + " timed steps after warm-up steps for "
                + warmupSeconds + " s)");
        return 0;
    }

    /** One preset's measurement. */
    private record Row(Path preset, TransformerConfig config, int warmupSteps, double secondsPerStep, double ceiling,
                       MatmulBound.Timing matmuls) {
    }

    private Row measure(Path preset) {
        TransformerConfig c = benchConfig(preset, vocab);
        ComputationGraph graph = TransformerGraph.build(c, seed, new Adam(1e-4), 1.0);
        MultiDataSet batch = RandomBatches.of(vocab, minibatch, c.seqLen(), seed);
        int warmupSteps = warmUp(graph, batch);
        Sgemm sgemm = new Sgemm(2048);
        double ceiling = sgemm.gflops();
        long stepNanos = 0;
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            graph.fit(batch);
            stepNanos += System.nanoTime() - t0;
            ceiling = Math.max(ceiling, sgemm.gflops());
        }
        return new Row(preset, c, warmupSteps, stepNanos / 1e9 / steps, ceiling, MatmulBound.time(c, minibatch));
    }

    /** Training FLOPs per token: 6·N + 12·layers·seqLen·d_model, N without the token-embedding table. */
    public static double flopsPerToken(TransformerConfig c) {
        return 6.0 * c.nonEmbeddingParameterCount() + 12.0 * c.nLayers() * c.seqLen() * c.dModel();
    }

    /** Trains on {@code batch} for at least two steps and at least the warm-up time; returns the steps taken. */
    private int warmUp(ComputationGraph graph, MultiDataSet batch) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int n = 0;
        while (n < 2 || System.nanoTime() < end) {
            graph.fit(batch);
            n++;
        }
        return n;
    }

    /** The preset's shape with the bench's vocabulary and no dropout. */
    public static TransformerConfig benchConfig(Path preset, int vocab) {
        TransformerConfig p = ConfigResolver.resolve("model", dev.tumbler.jobs.PretrainJob.DEFAULT,
                TransformerConfig.class, preset, List.of());
        return p.with(vocab, p.seqLen(), 0.0);
    }

    /** FP32 n x n matrix multiplies on arrays kept between samples. */
    private static final class Sgemm {
        private final INDArray a;
        private final INDArray b;
        private final INDArray c;
        private final int n;

        Sgemm(int n) {
            this.n = n;
            a = Nd4j.rand(DataType.FLOAT, n, n);
            b = Nd4j.rand(DataType.FLOAT, n, n);
            c = Nd4j.create(DataType.FLOAT, n, n);
            a.mmuli(b, c);
        }

        /** The best of 3 multiplies, in GFLOP/s. */
        double gflops() {
            return 2.0 * n * n * n / BestTime.seconds(3, () -> a.mmuli(b, c)) / 1e9;
        }
    }
}
