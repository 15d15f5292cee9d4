package dev.tumbler.jobs;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.config.ConfigResolver;
import dev.tumbler.sft.ConversationStats;
import dev.tumbler.sft.ConversationWriter;
import dev.tumbler.sft.SftDataConfig;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.StagingArea;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code sft-data import}: a user's own conversations, one JSONL line each, into a {@code conversations} artifact.
 * Every line is checked on the executors; a bad one is counted by reason and kept in {@code _rejected/} with its
 * file, line number and raw text, and the good ones are split by question hash as the mixture's are
 * ({@code sft_data.val_fraction}). {@link #run} returns the ref it published.
 */
public final class SftImportJob {
    /**
     * Everything the CLI hands over.
     *
     * @param inputs the JSONL files (paths or Hadoop URIs)
     * @param source the source name the rows are counted under
     */
    public record Request(RunContext context, List<String> inputs, String name, String source) {
    }

    private final Request request;
    private final PrintStream out;

    public SftImportJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Imports the files and returns the ref it published. */
    public ArtifactRef run() {
        RunContext context = request.context();
        ArtifactRef.requireSegment("name", request.name());
        if (request.source() == null || !request.source().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("--source '" + request.source() + "': use letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        SftDataConfig config = SftDataJob.resolveConfig(context);
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        if (request.inputs() == null || request.inputs().isEmpty()) {
            throw new IllegalArgumentException("--input: give at least one conversations JSONL file");
        }
        long bytes = 0;
        for (String input : request.inputs()) {
            bytes += fileSize(input, hadoop);
        }
        out.printf("sft-data import: %d files, %.1f MB%n", request.inputs().size(), bytes / 1e6);
        ArtifactStore store = context.openStore(hadoop);
        return SparkSessions.with("tumbler sft-data import", context.master(), spark -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<Row> lines = null;
            for (int f = 0; f < request.inputs().size(); f++) {
                JavaRDD<Row> file = numbered(sc, request.inputs().get(f), f, request.source());
                lines = lines == null ? file : lines.union(file);
            }
            StagingArea staging = ConversationsArtifact.stage(store, request.name());
            ConversationStats stats;
            try {
                stats = ConversationWriter.write(spark.createDataFrame(lines, ConversationWriter.INPUT),
                        config.valFraction(), staging.uri(), store.hadoopConf());
            } catch (RuntimeException e) {
                store.abandon(staging);
                throw e;
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            resolved.put("inputs", request.inputs());
            resolved.put("source", request.source());
            resolved.put("val_fraction", config.valFraction());
            ArtifactRef ref = ConversationsArtifact.publish(store, staging, stats, Map.of(), context.commandLine(),
                    resolved, List.of());
            SftSummary.print(out, stats, Map.of(), Map.of());
            if (stats.rejected() > 0) {
                out.println("rejected lines (file, line, reason, raw) are in " + ref + "/"
                        + ConversationsArtifact.REJECTED_DIR + "/");
            }
            return ref;
        });
    }

    /** The lines of {@code input} as input rows with their 1-based line numbers. */
    private static JavaRDD<Row> numbered(JavaSparkContext sc, String input, int fileIndex, String source) {
        return sc.textFile(input).zipWithIndex().map(t -> RowFactory.create(
                String.format("%s-%03d-%09d", source, fileIndex, t._2() + 1), source, input, t._2() + 1, t._1()));
    }

    private static long fileSize(String input, Configuration hadoop) {
        try {
            Path path = new Path(input);
            FileStatus status = path.getFileSystem(hadoop).getFileStatus(path);
            if (status.isDirectory()) {
                throw new IllegalArgumentException("--input " + input + " is a directory; give the JSONL files");
            }
            return status.getLen();
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("--input: file not found: " + input, e);
        } catch (IOException e) {
            throw new UncheckedIOException("--input " + input + ": " + e.getMessage(), e);
        }
    }
}
