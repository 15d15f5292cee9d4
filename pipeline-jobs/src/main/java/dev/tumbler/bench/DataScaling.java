package dev.tumbler.bench;

import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.store.LocalFiles;
import dev.tumbler.shard.ShardFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code tumbler bench train}, data-scaling part: pretraining round time with shards of 1x and 8x the size, streamed
 * by {@code ShardRounds}, each in its own JVM whose memory is capped so that the 8x data could not be cached: heap
 * {@code -Xmx}, ND4J's off-heap arrays {@code -Dorg.bytedeco.javacpp.maxbytes} (cached minibatches would live there,
 * at least 8 bytes a token for the float features and labels) and the whole process
 * {@code -Dorg.bytedeco.javacpp.maxphysicalbytes} (JavaCPP refuses allocations past that resident set).
 *
 * <p>The 1x shards are random token windows written as the shard Parquet layout ({@link ShardFiles}: {@code tokens:
 * binary}, zstd, row groups of {@code rowGroupMb}); the 8x folder holds those files eight times under other names
 * (the reader knows nothing of content, and copying is faster than generating). The timed rounds read from positions
 * spread over the pass, so the 8x rounds read files that lie deep in it. One JVM trains on 1x alone (its peaks are
 * those of 1x); a second trains on 8x and 1x in turns (its peaks are those of 8x; the turns make the ratio of round
 * times fair on a machine whose load changes). Goal: 8x round time within 10% of 1x.
 */
public final class DataScaling {
    private static final int WINDOWS_PER_FILE = 16384;
    private static final int COPIES = 8;

    private final TransformerConfig model;
    private final int workers;
    private final int minibatch;
    private final int averagingFrequency;
    private final int rounds;
    private final long seed;
    private final long tokens;
    private final int rowGroupMb;
    private final String heap;
    private final String nativeCap;
    private final String residentCap;
    private final PrintStream out;

    /**
     * @param tokens     tokens in the 1x shards
     * @param heap       the child's {@code -Xmx}
     * @param nativeCap  the child's {@code org.bytedeco.javacpp.maxbytes} (ND4J off-heap)
     * @param residentCap the child's {@code org.bytedeco.javacpp.maxphysicalbytes} (whole resident set)
     */
    public DataScaling(TransformerConfig model, int workers, int minibatch, int averagingFrequency, int rounds,
                       long seed, long tokens, int rowGroupMb, String heap, String nativeCap, String residentCap,
                       PrintStream out) {
        this.model = model;
        this.workers = workers;
        this.minibatch = minibatch;
        this.averagingFrequency = averagingFrequency;
        this.rounds = rounds;
        this.seed = seed;
        this.tokens = tokens;
        this.rowGroupMb = rowGroupMb;
        this.heap = heap;
        this.nativeCap = nativeCap;
        this.residentCap = residentCap;
        this.out = out;
    }

    /** Writes the shards, runs both sizes, prints the report; returns 8x round time / 1x round time (best rounds). */
    public double run() {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("tumbler-bench-data-scaling");
            int window = model.seqLen() + 1;
            long windows = Math.max(1, tokens / window);
            long t0 = System.nanoTime();
            Path one = tmp.resolve("1x");
            int files = write(one, windows);
            Path eight = tmp.resolve("8x");
            Files.createDirectories(eight);
            for (int c = 0; c < COPIES; c++) {
                for (int f = 0; f < files; f++) {
                    Files.copy(one.resolve(name(f)), eight.resolve(String.format("part-c%d-%05d.zstd.parquet", c, f)));
                }
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            long oneTokens = windows * window;
            long eightTokens = oneTokens * COPIES;
            out.printf("data scaling: d_model %d, %d layers, T %d, vocab %d, local[%d], minibatch %d, averaging "
                            + "frequency %d; best and median of %d timed rounds after one warm-up per size; every "
                            + "JVM: -Xmx%s, ND4J off-heap cap %s (org.bytedeco.javacpp.maxbytes), resident cap %s "
                            + "(maxphysicalbytes)%n", model.dModel(), model.nLayers(), model.seqLen(),
                    model.vocabSize(), workers, minibatch, averagingFrequency, rounds, heap, nativeCap, residentCap);
            out.printf("  shards: 1x = %,d windows (%,d tokens) in %d files, %.0f MB on disk, row groups of %d MB; "
                            + "8x = %,d tokens in %d files (written in %.1f s)%n", windows, oneTokens, files,
                    size(one) / 1e6, rowGroupMb, eightTokens, files * COPIES, writeSeconds);
            out.printf("  caching 8x would take >= %,.0f MiB of ND4J memory (8 bytes/token: float features and labels; "
                    + "~12 with the JVM objects), over the %s off-heap cap%n", eightTokens * 8 / 1048576.0, nativeCap);
            out.printf("  %-34s %11s %10s %10s %10s %10s %10s %10s%n", "shards (JVM)", "minibatches", "best s/rnd",
                    "median", "read best", "median", "peak heap", "peak RSS");
            List<Result> alone = measure(List.of(one));
            print("1x (alone)", alone.get(0));
            List<Result> both = measure(List.of(eight, one));
            print("8x (8x and 1x take turns)", both.get(0));
            print("1x (8x and 1x take turns)", both.get(1));
            Result a = both.get(1);
            Result b = both.get(0);
            double ratio = b.best / a.best;
            out.printf("data scaling: 8x / 1x round time = %.3f best, %.3f median, in the same JVM taking turns (goal "
                    + "<= 1.10: a round reads only the row groups its minibatches lie in); a round's read alone "
                    + "8x / 1x = %.3f best, %.3f median; peak RSS of the JVM training on 8x (and 1x) / the JVM on 1x "
                    + "alone = %.2f%n", ratio, b.median / a.median, b.readBest / a.readBest,
                    b.readMedian / a.readMedian, (double) b.resident / alone.get(0).resident);
            out.println("  s/rnd: one pretraining round (workers x averaging frequency steps and the averaging); read: "
                    + "the same round's minibatches built from the files and counted, without training. The 1x JVM "
                    + "gives the peaks of 1x alone; in the other, rounds on 8x and 1x take turns so that the machine's "
                    + "load hits both alike");
            return ratio;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LocalFiles.deleteRecursively(tmp);
        }
    }

    private static String name(int f) {
        return String.format("part-%05d.zstd.parquet", f);
    }

    /** Writes {@code windows} random windows into files of {@link #WINDOWS_PER_FILE}; returns the file count. */
    private int write(Path dir, long windows) throws IOException {
        Files.createDirectories(dir);
        Configuration conf = new Configuration();
        int files = 0;
        for (long first = 0; first < windows; first += WINDOWS_PER_FILE) {
            long n = Math.min(WINDOWS_PER_FILE, windows - first);
            ShardFiles.write(conf, new org.apache.hadoop.fs.Path(dir.resolve(name(files)).toUri()),
                    randomWindows(n, new SplittableRandom(seed + files)), (long) rowGroupMb << 20, 1000);
            files++;
        }
        try (var crc = Files.list(dir)) {       // Hadoop's local checksum files would be copied along otherwise
            for (Path p : crc.filter(p -> p.getFileName().toString().endsWith(".crc")).toList()) {
                Files.delete(p);
            }
        }
        return files;
    }

    private Iterator<int[]> randomWindows(long n, SplittableRandom random) {
        int window = model.seqLen() + 1;
        int vocab = model.vocabSize();
        return new Iterator<>() {
            private long left = n;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public int[] next() {
                if (left-- <= 0) {
                    throw new NoSuchElementException();
                }
                int[] t = new int[window];
                for (int i = 0; i < window; i++) {
                    t[i] = random.nextInt(vocab);
                }
                return t;
            }
        };
    }

    /** One child JVM training on {@code dirs} in turn; a result per folder, each with the JVM's peaks. */
    private List<Result> measure(List<Path> dirs) {
        TrainProbe.Spec spec = new TrainProbe.Spec(model, workers, 0, minibatch, averagingFrequency, rounds, seed);
        List<String> flags = List.of("-Dorg.bytedeco.javacpp.maxbytes=" + nativeCap,
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + residentCap);
        List<String> uris = dirs.stream().map(d -> d.toUri().toString()).toList();
        List<String> lines = ChildJvm.run(List.of(), DataScalingProbe.class, DataScalingProbe.args(uris, spec),
                Map.of(), heap, flags);
        String[] peaks = lines.stream().filter(l -> l.startsWith("PEAKS ")).reduce((x, y) -> y)
                .orElseThrow(() -> new IllegalStateException("no PEAKS line in " + lines)).split(" ");
        Result[] results = new Result[dirs.size()];
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                String[] f = line.split(" ");
                results[Integer.parseInt(f[1])] = new Result(Long.parseLong(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        Long.parseLong(peaks[1]), Long.parseLong(peaks[3]));
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                throw new IllegalStateException("no RESULT line for " + dirs.get(i) + " in " + lines);
            }
        }
        return List.of(results);
    }

    private void print(String label, Result r) {
        out.printf("  %-34s %11d %10.3f %10.3f %10.3f %10.3f %10s %10s%n", label, r.minibatches, r.best, r.median,
                r.readBest, r.readMedian, mib(r.heap), mib(r.resident));
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / 1048576.0);
    }

    private record Result(long minibatches, double best, double median, double readBest, double readMedian,
                          long heap, long resident) {
    }
}
