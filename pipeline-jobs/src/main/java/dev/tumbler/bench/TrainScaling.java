package dev.tumbler.bench;

import dev.tumbler.model.transformer.TransformerConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code tumbler bench train}, Spark part: parameter-averaging scaling efficiency and peak memory per executor. Each
 * configuration runs in its own JVM ({@link TrainProbe}), so its native thread limit and its memory peaks are its own:
 * <ul>
 *   <li>one replica on one native thread, in one JVM;</li>
 *   <li>the same JVM pinned to one core ({@code taskset -c 0}, where taskset exists): a worker given one core, whose
 *   JIT compiler and garbage collector share that core instead of using a spare one;</li>
 *   <li>W such JVMs at the same time: what W independent workers reach together on this machine, which shares its
 *   memory bandwidth, caches and spare core (for JIT and GC) between them;</li>
 *   <li>{@code local[W]} with parameter averaging, every worker on one native thread;</li>
 *   <li>one replica in one JVM using every core (ND4J's default threads);</li>
 *   <li>plain {@code local[W]} as {@code pretrain} runs it: no thread limit from the environment, so the workers
 *   set ND4J's threads to {@code spark.task.cpus} themselves.</li>
 * </ul>
 * Scaling efficiency = tokens/s of the {@code local[W]} run / (W × tokens/s of the first); beside it, the same run
 * against W × the pinned JVM (a worker per core) and against the sum of the W concurrent JVMs, which leaves only the
 * cost of averaging and Spark. The plain ratio compares the last two.
 * In local mode the executor is the JVM itself, so its peaks are the executor's.
 */
public final class TrainScaling {
    private final TransformerConfig model;
    private final int workers;
    private final int minibatch;
    private final int averagingFrequency;
    private final int rounds;
    private final long seed;
    private final String maxHeap;
    private final PrintStream out;

    public TrainScaling(TransformerConfig model, int workers, int minibatch, int averagingFrequency, int rounds,
                        long seed, String maxHeap, PrintStream out) {
        this.model = model;
        this.workers = workers;
        this.minibatch = minibatch;
        this.averagingFrequency = averagingFrequency;
        this.rounds = rounds;
        this.seed = seed;
        this.maxHeap = maxHeap;
        this.out = out;
    }

    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    /** Runs the six configurations and prints the report; returns the scaling efficiency. */
    public double run() {
        out.printf("scaling: d_model %d, %d layers, T %d, vocab %d, minibatch %d, averaging frequency %d, best of %d "
                        + "timed rounds after one warm-up; each configuration in its own JVM (-Xmx%s)%n", model.dModel(),
                model.nLayers(), model.seqLen(), model.vocabSize(), minibatch, averagingFrequency, rounds, maxHeap);
        out.printf("  %-40s %10s %12s %14s %12s%n", "configuration", "tokens/s", "peak heap", "peak native",
                "peak RSS");
        Result one = probe("1 JVM, 1 replica, 1 native thread", 0, 1);
        String pinnedLabel = "1 such JVM pinned to one core";
        Result pinned = null;
        if (Files.isExecutable(TASKSET)) {
            pinned = probe(pinnedLabel, List.of(TASKSET.toString(), "-c", "0"), 0, 1);
        } else {
            out.printf("  %-40s %10s%n", pinnedLabel, "n/a (no " + TASKSET + ")");
        }
        double concurrent = concurrent(workers + " such JVMs at once (sum)");
        Result averaged = probe("local[" + workers + "] averaging, 1 thread per worker", workers, 1);
        Result wholeJvm = probe("1 JVM, 1 replica, all cores", 0, 0);
        Result plain = probe("local[" + workers + "] averaging, as pretrain runs", workers, 0);
        double efficiency = averaged.tokensPerSecond / (workers * one.tokensPerSecond);
        out.printf("scaling efficiency: local[%d] one thread per worker / (%d x one worker on one thread) = %.1f%% "
                + "(goal >= 80%% at averaging frequency >= 8)%n", workers, workers, 100 * efficiency);
        if (pinned != null) {
            out.printf("  against %d x one worker pinned to one core: %.1f%%%n", workers,
                    100 * averaged.tokensPerSecond / (workers * pinned.tokensPerSecond));
        }
        out.printf("  against %d independent one-thread JVMs running at once: %.1f%% (the cost of averaging and Spark "
                + "alone)%n", workers, 100 * averaged.tokensPerSecond / concurrent);
        out.printf("plain local[%d] / one JVM on all cores = %.2f%n", workers,
                plain.tokensPerSecond / wholeJvm.tokensPerSecond);
        return efficiency;
    }

    /** {@link #workers} one-replica, one-thread JVMs started together; the sum of their rates. */
    private double concurrent(String label) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);   // the common pool may have one thread
        List<Result> results;
        try {
            List<CompletableFuture<Result>> runs = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> measure(label, List.of(), 0, 1), pool));
            }
            results = runs.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
        double sum = results.stream().mapToDouble(Result::tokensPerSecond).sum();
        printRow(label, sum, results.get(0));
        return sum;
    }

    private Result probe(String label, int probeWorkers, int threads) {
        return probe(label, List.of(), probeWorkers, threads);
    }

    /** Measures one configuration, its JVM started through {@code launcher}, and prints its row. */
    private Result probe(String label, List<String> launcher, int probeWorkers, int threads) {
        Result r = measure(label, launcher, probeWorkers, threads);
        printRow(label, r.tokensPerSecond, r);
        return r;
    }

    /** A report line: the configuration's tokens/s and one JVM's memory peaks. */
    private void printRow(String label, double tokensPerSecond, Result memory) {
        out.printf("  %-40s %10.0f %12s %14s %12s%n", label, tokensPerSecond, mib(memory.heap), mib(memory.offHeap),
                mib(memory.resident));
    }

    private Result measure(String label, List<String> launcher, int probeWorkers, int threads) {
        Map<String, String> env = new HashMap<>();
        env.put("OMP_NUM_THREADS", threads > 0 ? String.valueOf(threads) : null);
        env.put("OPENBLAS_NUM_THREADS", threads > 0 ? String.valueOf(threads) : null);
        TrainProbe.Spec spec = new TrainProbe.Spec(model, probeWorkers, threads, minibatch, averagingFrequency, rounds,
                seed);
        List<String> lines = ChildJvm.run(launcher, TrainProbe.class, spec.args(), env, maxHeap);
        String result = lines.stream().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(label + ": no RESULT line in " + lines));
        String[] f = result.split(" ");
        return new Result(Double.parseDouble(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]));
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / 1048576.0);
    }

    private record Result(double tokensPerSecond, long heap, long offHeap, long resident) {
    }
}
