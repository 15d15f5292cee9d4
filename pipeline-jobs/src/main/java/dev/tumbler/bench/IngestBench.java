package dev.tumbler.bench;

import dev.tumbler.ingest.pipeline.HadoopConfBlob;
import dev.tumbler.ingest.pipeline.IngestConfig;
import dev.tumbler.ingest.pipeline.IngestRunner;
import dev.tumbler.ingest.pipeline.IngestStats;
import dev.tumbler.ingest.read.CompressedInput;
import dev.tumbler.ingest.read.InputFile;
import dev.tumbler.ingest.read.InputFiles;
import dev.tumbler.jobs.HadoopConfs;
import dev.tumbler.jobs.IngestJob;
import dev.tumbler.jobs.RunContext;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.LocalFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tumbler bench ingest}: the whole ingest of the sample data against the I/O ceiling, the
 * plain read-and-decompress of the same files as a Spark job on the same cores, in one run. The
 * ratio says how much of the time goes into the ingest work itself rather than reading.
 */
public final class IngestBench {
    private final RunContext context;
    private final Path samples;
    private final int repeat;
    private final PrintStream out;

    public IngestBench(RunContext context, Path samples, int repeat, PrintStream out) {
        this.context = context;
        this.samples = samples;
        this.repeat = repeat;
        this.out = out;
    }

    /** Result of one side of the comparison: best wall time over the repeats, and bytes seen. */
    private record Timing(double seconds, long decompressedBytes) {
    }

    public int run() {
        IngestConfig config = IngestJob.resolveConfig(context, null, null);
        if (!Files.isDirectory(samples)) {
            throw new IllegalArgumentException("--samples " + samples + " does not exist; run './tumbler samples fetch' first");
        }
        List<InputFile> files = listInputs();
        long inputBytes = files.stream().mapToLong(InputFile::sizeBytes).sum();
        SparkSession spark = SparkSessions.create("tumbler bench ingest", context.master());
        try {
            int cores = spark.sparkContext().defaultParallelism();
            out.printf("bench ingest: %d files, %.1f MB on disk, %d cores (%s)%n", files.size(), inputBytes / 1e6,
                    cores, spark.sparkContext().master());
            readAll(spark, files);  // warm-up: JIT, page cache, Spark start-up
            Timing ceiling = null;
            for (int i = 0; i < repeat; i++) {
                Timing t = readAll(spark, files);
                ceiling = ceiling == null || t.seconds() < ceiling.seconds() ? t : ceiling;
            }
            IngestStats best = null;
            for (int i = 0; i < repeat; i++) {
                IngestStats s = ingestOnce(spark, config, files);
                best = best == null || s.seconds() < best.seconds() ? s : best;
            }
            report(files, inputBytes, cores, ceiling, best);
            return 0;
        } finally {
            spark.stop();
        }
    }

    private List<InputFile> listInputs() {
        try {
            return InputFiles.listing(List.of(samples.toString()), HadoopConfs.fromSystemProperties()).files();
        } catch (IOException e) {
            throw new UncheckedIOException("--samples: " + e.getMessage(), e);
        }
    }

    /** Reads and decompresses every file, one task per file, counting bytes: the I/O ceiling. */
    private static Timing readAll(SparkSession spark, List<InputFile> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConfBlob> conf = jsc.broadcast(new HadoopConfBlob(jsc.hadoopConfiguration()));
        long start = System.nanoTime();
        long bytes = jsc.parallelize(files, files.size()).map(f -> {
            byte[] buf = new byte[1 << 16];
            long n = 0;
            try (InputStream in = CompressedInput.open(f.uri(), conf.value().get())) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    n += r;
                }
            } catch (IOException e) {
                // a truncated file reads up to the damage, as ingest does
            }
            return n;
        }).reduce(Long::sum);
        return new Timing((System.nanoTime() - start) / 1e9, bytes);
    }

    private IngestStats ingestOnce(SparkSession spark, IngestConfig config, List<InputFile> files) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("tumbler-bench-ingest");
            String output = tmp.resolve("out").toUri().toString();
            return new IngestRunner(spark, config, context.seed()).run(files, "bench", output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LocalFiles.deleteRecursively(tmp);
        }
    }

    private void report(List<InputFile> files, long inputBytes, int cores, Timing ceiling, IngestStats ingest) {
        double mb = inputBytes / 1e6;
        double ceilingMbPerCore = mb / ceiling.seconds() / cores;
        double ingestMbPerCore = mb / ingest.seconds() / cores;
        out.printf("%-34s %10s %14s %14s%n", "", "seconds", "MB/s per core", "docs/s per core");
        out.printf("%-34s %10.2f %14.2f %14s%n", "read + decompress (I/O ceiling)", ceiling.seconds(), ceilingMbPerCore, "-");
        out.printf("%-34s %10.2f %14.2f %14.1f%n", "ingest (all steps, dedup, write)", ingest.seconds(),
                ingestMbPerCore, ingest.records() / ingest.seconds() / cores);
        out.printf("decompressed %.1f MB; %d records, %d kept, %d rejected%n", ceiling.decompressedBytes() / 1e6,
                ingest.records(), ingest.keptDocuments(), ingest.rejectedDocuments());
        out.printf("ratio ingest / I/O ceiling: %.3f (the ingest runs at %.1f%% of the read-and-decompress rate)%n",
                ingestMbPerCore / ceilingMbPerCore, 100 * ingestMbPerCore / ceilingMbPerCore);
        double stepTotal = ingest.stepSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        out.println("time per step, summed over executor threads (where the per-document work goes):");
        ingest.stepSeconds().entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.printf("  %-20s %8.2f s  %5.1f%%%n", e.getKey(), e.getValue(), 100 * e.getValue() / stepTotal));
    }
}
