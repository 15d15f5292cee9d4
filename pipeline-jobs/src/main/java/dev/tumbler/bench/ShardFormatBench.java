package dev.tumbler.bench;

import static org.apache.spark.sql.functions.col;

import dev.tumbler.jobs.RunContext;
import dev.tumbler.model.data.PackedTokens;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.LocalFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code tumbler bench shard-format}: the same token windows written as {@code binary} (packed
 * little-endian int32, what {@code shard} writes) and as {@code array<int>}, both zstd Parquet, then
 * read back in full and decoded to {@code int[]} on the same cores. Prints size and read rate of
 * each, and their ratio: the measurement behind the shard storage format.
 */
public final class ShardFormatBench {
    private final RunContext context;
    private final int windows;
    private final int seqLen;
    private final int rounds;
    private final PrintStream out;

    public ShardFormatBench(RunContext context, int windows, int seqLen, int rounds, PrintStream out) {
        this.context = context;
        this.windows = windows;
        this.seqLen = seqLen;
        this.rounds = rounds;
        this.out = out;
    }

    public int run() {
        SparkSession spark = SparkSessions.create("tumbler bench shard-format", context.master());
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("tumbler-bench-shards");
            int window = seqLen + 1;
            long seed = context.seed();
            // Zipf-like ids over a 32k vocabulary, as real text gives.
            Dataset<byte[]> packed = spark.range(0, windows, 1, spark.sparkContext().defaultParallelism())
                    .mapPartitions(randomWindows(seed, window), Encoders.BINARY()).cache();
            String binaryUri = tmp.resolve("binary").toUri().toString();
            String arrayUri = tmp.resolve("array").toUri().toString();
            packed.toDF("tokens").write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(binaryUri);
            spark.createDataFrame(packed.toDF("tokens").javaRDD().map(r -> org.apache.spark.sql.RowFactory.create(
                            (Object) boxed(PackedTokens.decode((byte[]) r.get(0))))),
                    new org.apache.spark.sql.types.StructType().add("tokens",
                            DataTypes.createArrayType(DataTypes.IntegerType, false)))
                    .write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(arrayUri);
            long tokens = (long) windows * window;
            double binary = Double.MAX_VALUE;
            double array = Double.MAX_VALUE;
            readBinary(spark, binaryUri);   // warm-up
            readArray(spark, arrayUri);
            for (int r = 0; r < rounds; r++) {
                binary = Math.min(binary, time(() -> check(readBinary(spark, binaryUri), tokens)));
                array = Math.min(array, time(() -> check(readArray(spark, arrayUri), tokens)));
            }
            int cores = spark.sparkContext().defaultParallelism();
            out.printf("bench shard-format: %d windows of %d+1 tokens (%d tokens), zstd Parquet, %d cores, best of %d%n",
                    windows, seqLen, tokens, cores, rounds);
            out.printf("  %-22s %10s %14s %18s%n", "layout", "MB on disk", "read s", "M tokens/s per core");
            out.printf("  %-22s %10.1f %14.3f %18.1f%n", "binary (packed int32)", size(tmp.resolve("binary")) / 1e6, binary,
                    tokens / binary / cores / 1e6);
            out.printf("  %-22s %10.1f %14.3f %18.1f%n", "array<int>", size(tmp.resolve("array")) / 1e6, array,
                    tokens / array / cores / 1e6);
            out.printf("  read speed binary / array<int>: %.2fx; size binary / array<int>: %.2f%n", array / binary,
                    (double) size(tmp.resolve("binary")) / size(tmp.resolve("array")));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            spark.stop();
            LocalFiles.deleteRecursively(tmp);
        }
    }

    /** Windows of Zipf-like token ids, seeded per partition. */
    private static MapPartitionsFunction<Long, byte[]> randomWindows(long seed, int window) {
        return it -> {
            Random random = new Random(seed ^ org.apache.spark.TaskContext.getPartitionId());
            java.util.List<byte[]> out = new java.util.ArrayList<>();
            while (it.hasNext()) {
                it.next();
                int[] t = new int[window];
                for (int i = 0; i < window; i++) {
                    t[i] = (int) Math.min(32767, Math.floor(Math.pow(32768, random.nextDouble())));
                }
                out.add(PackedTokens.encode(t));
            }
            return out.iterator();
        };
    }

    private static Integer[] boxed(int[] a) {
        Integer[] b = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }

    /** Reads every window and decodes it to int[]; returns the token count. */
    private static long readBinary(SparkSession spark, String uri) {
        return spark.read().parquet(uri).select(col("tokens")).javaRDD()
                .mapPartitions(rows -> {
                    long n = 0;
                    while (rows.hasNext()) {
                        n += PackedTokens.decode((byte[]) rows.next().get(0)).length;
                    }
                    return List.of(n).iterator();
                }).reduce(Long::sum);
    }

    private static long readArray(SparkSession spark, String uri) {
        return spark.read().parquet(uri).select(col("tokens")).javaRDD()
                .mapPartitions(rows -> {
                    long n = 0;
                    while (rows.hasNext()) {
                        List<Integer> list = rows.next().getList(0);
                        int[] t = new int[list.size()];
                        for (int i = 0; i < t.length; i++) {
                            t[i] = list.get(i);
                        }
                        n += t.length;
                    }
                    return List.of(n).iterator();
                }).reduce(Long::sum);
    }

    private static void check(long read, long expected) {
        if (read != expected) {
            throw new IllegalStateException("read " + read + " tokens, wrote " + expected);
        }
    }

    private static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
