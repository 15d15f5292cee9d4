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
 * tokens/s and achieved FLOP/s, against this machine's sgemm ceiling (ND4J {@code mmul} at n=2048) sampled after
 * each of that preset's timed steps (on a shared machine the ceiling drifts by 10-25% within minutes, so it is
 * measured while the steps run), and against the step's own matrix multiplies timed alone ({@link MatmulBound}).
 * The ratio is printed three ways: the median step against the median sgemm sample and the fastest step against
 * the fastest sample (each compares like with like), and the mean step against the fastest sample (the strictest).
 * FLOPs per token = 6·N + 12·layers·seqLen·d_model, N without the token-embedding table (output projection
 * included). Each preset first trains for a warm-up time (the JIT compiler works through DL4J's and SameDiff's code
 * for the first dozen steps or so and takes a core from the training while it does). The Spark part is
 * {@link TrainScaling}.
 */
public final class TrainBench {
    /** Multiplies per sgemm sample; a sample's rate is their total FLOPs over their total time. */
    private static final int SGEMM_MULTIPLIES = 3;

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
        out.printf("bench train: sgemm (ND4J mmul, n=2048, FP32) sampled after each timed step; %d threads%n",
                Runtime.getRuntime().availableProcessors());
        out.printf("  %-10s %7s %6s %5s %9s %7s %9s %9s %8s %8s %8s %8s %8s %9s %9s%n", "preset", "d_model", "layers",
                "T", "params", "warm-up", "s/step", "tokens/s", "GFLOP/s", "sgemm", "median", "best", "strict",
                "matmuls", "of step");
        for (Row r : rows) {
            TransformerConfig c = r.config();
            double median = r.stepSeconds().median();
            double gflops = gflops(c, median);
            out.printf("  %-10s %7d %6d %5d %9d %7d %9.3f %9.0f %8.1f %8.1f %7.1f%% %7.1f%% %7.1f%% %8.1f%% %8.1f%%%n",
                    r.preset().getFileName(), c.dModel(), c.nLayers(), c.seqLen(), c.parameterCount(), r.warmupSteps(),
                    median, (double) minibatch * c.seqLen() / median, gflops, r.sgemm().median(),
                    100 * gflops / r.sgemm().median(),
                    100 * gflops(c, r.stepSeconds().min()) / r.sgemm().max(),
                    100 * gflops(c, r.stepSeconds().mean()) / r.sgemm().max(),
                    100 * r.matmuls().gflops() / r.sgemm().max(), 100 * r.matmuls().seconds() / median);
        }
        for (Row r : rows) {
            out.printf("  %s: steps %.3f-%.3f s, sgemm samples %.1f-%.1f GFLOP/s%n", r.preset().getFileName(),
                    r.stepSeconds().min(), r.stepSeconds().max(), r.sgemm().min(), r.sgemm().max());
        }
        out.println("s/step, tokens/s, GFLOP/s: the median of " + steps + " timed steps (after warm-up steps for "
                + warmupSeconds + " s; vocab " + vocab + ", minibatch " + minibatch + "); sgemm: the median GFLOP/s of "
                + "the n=2048 samples, each " + SGEMM_MULTIPLIES + " multiplies, taken after each step");
        out.println("share of the sgemm ceiling: median = median step / median sample; best = fastest step / fastest "
                + "sample; strict = mean step / fastest sample. matmuls: the step's matrix multiplies timed alone at "
                + "this model's shapes (ND4J matmul), their GFLOP/s as a share of the fastest sample (the most a graph "
                + "of this shape can reach here); of step: their time alone as a share of the median step");
        out.println("goals: small (d_model 512) >= 60% of the ceiling, mini (d_model 256) >= 40%. On a busy machine "
                + "the samples spread and the three ratios part, either way (a neighbour can slow the multiplies more "
                + "than the step, or less): only with a narrow spread do they measure the code rather than the "
                + "machine");
        return 0;
    }

    /** One preset's measurement: each timed step's seconds and the sgemm sample (GFLOP/s) taken after it. */
    private record Row(Path preset, TransformerConfig config, int warmupSteps, Samples stepSeconds, Samples sgemm,
                       MatmulBound.Timing matmuls) {
    }

    private double gflops(TransformerConfig c, double secondsPerStep) {
        return flopsPerToken(c) * minibatch * c.seqLen() / secondsPerStep / 1e9;
    }

    private Row measure(Path preset) {
        TransformerConfig c = benchConfig(preset, vocab);
        ComputationGraph graph = TransformerGraph.build(c, seed, new Adam(1e-4), 1.0);
        MultiDataSet batch = RandomBatches.of(vocab, minibatch, c.seqLen(), seed);
        int warmupSteps = warmUp(graph, batch);
        Sgemm sgemm = new Sgemm(2048);
        double[] stepSeconds = new double[steps];
        double[] sgemmGflops = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            graph.fit(batch);
            stepSeconds[i] = (System.nanoTime() - t0) / 1e9;
            sgemmGflops[i] = sgemm.gflops(SGEMM_MULTIPLIES);
        }
        return new Row(preset, c, warmupSteps, new Samples(stepSeconds), new Samples(sgemmGflops),
                MatmulBound.time(c, minibatch));
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

        /** The rate of {@code multiplies} multiplies in a row, in GFLOP/s. */
        double gflops(int multiplies) {
            long t0 = System.nanoTime();
            for (int i = 0; i < multiplies; i++) {
                a.mmuli(b, c);
            }
            return 2.0 * n * n * n * multiplies / ((System.nanoTime() - t0) / 1e9) / 1e9;
        }
    }
}
