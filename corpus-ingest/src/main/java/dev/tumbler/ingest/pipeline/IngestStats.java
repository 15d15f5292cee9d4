package dev.tumbler.ingest.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tumbler.ingest.read.InputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What an ingest run did, written as {@code _stats.json}: input files and bytes, records read,
 * documents kept and their characters, drops per step and reason, throughput, and the time spent
 * in each per-document step (summed over executor threads). Every record read
 * is either kept or rejected, so {@code records == kept + rejected}.
 */
public record IngestStats(
        int inputFiles,
        long inputBytes,
        long records,
        long keptDocuments,
        long keptChars,
        long rejectedDocuments,
        long piiReplacements,
        Map<String, Map<String, Long>> rejectedByStep,
        double seconds,
        double docsPerSecond,
        double megabytesPerSecond,
        Map<String, Double> stepSeconds) {

    /** Counts collected from the marked documents (a handful of numbers, never the documents). */
    public record Counts(long records, long kept, long outputChars, long rejectedChars, long piiReplacements,
                         Map<String, Map<String, Long>> rejectedByStep) {
        public long rejected() {
            return records - kept;
        }
    }

    static Counts countOf(Dataset<Row> marked) {
        Row totals = marked.agg(
                count(lit(1)),
                sum(when(col("step").isNull(), 1L).otherwise(0L)),
                sum(when(col("step").isNull(), col("NChars")).otherwise(0L)),
                sum(when(col("step").isNotNull(), length(col("text"))).otherwise(0L)),
                sum(when(col("step").isNull(), col("piiReplacements")).otherwise(0L))).first();
        Map<String, Map<String, Long>> byStep = new TreeMap<>();
        for (Row r : marked.where(col("step").isNotNull()).groupBy(col("step"), col("reason")).count().collectAsList()) {
            byStep.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                    .put(r.isNullAt(1) ? "unspecified" : r.getString(1), r.getLong(2));
        }
        return new Counts(totals.getLong(0), longOrZero(totals, 1), longOrZero(totals, 2), longOrZero(totals, 3),
                longOrZero(totals, 4), byStep);
    }

    static IngestStats of(List<InputFile> files, Counts c, double seconds, Map<String, Double> stepSeconds) {
        long bytes = files.stream().mapToLong(InputFile::sizeBytes).sum();
        return new IngestStats(files.size(), bytes, c.records(), c.kept(), c.outputChars(), c.rejected(),
                c.piiReplacements(), c.rejectedByStep(), seconds, c.records() / Math.max(1e-9, seconds),
                bytes / 1e6 / Math.max(1e-9, seconds), stepSeconds);
    }

    /** The stats as the nested map written to {@code _stats.json} and into the manifest's metrics. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", Map.of("files", inputFiles, "bytes", inputBytes, "records", records));
        m.put("output", Map.of("documents", keptDocuments, "chars", keptChars));
        m.put("rejected", Map.of("documents", rejectedDocuments, "by_step", rejectedByStep));
        m.put("pii_replacements", piiReplacements);
        m.put("seconds", seconds);
        m.put("docs_per_second", docsPerSecond);
        m.put("input_mb_per_second", megabytesPerSecond);
        m.put("step_seconds", stepSeconds);
        return m;
    }

    void write(Configuration conf, String uri) {
        Path path = new Path(uri);
        try (OutputStream out = path.getFileSystem(conf).create(path, false)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + uri, e);
        }
    }

    private static long longOrZero(Row row, int i) {
        return row.isNullAt(i) ? 0L : ((Number) row.get(i)).longValue();
    }
}
