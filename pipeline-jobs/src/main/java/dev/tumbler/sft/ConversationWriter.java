package dev.tumbler.sft;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.model.chat.ChatJsonl;
import dev.tumbler.model.chat.ChatParse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes conversation lines into a {@code conversations} version on Spark: each line is parsed on the executors
 * ({@link ChatJsonl#parse}); a good one is written back in canonical form ({@link ChatJsonl#format}) to the split its
 * question hashes to ({@link QuestionSplit}); a bad one goes to {@code _rejected/} with its file, line number, reason,
 * detail and raw text. The counts ({@code lines == kept + rejected}) are written to {@code _stats.json} and returned.
 */
public final class ConversationWriter {
    /** The columns of an input line, as {@link InputLine} has them. */
    public static final StructType INPUT = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("file", DataTypes.StringType, false)
            .add("line_number", DataTypes.LongType, false)
            .add("raw", DataTypes.StringType, false);
    private static final StructType PARSED = INPUT
            .add("split", DataTypes.StringType, true)
            .add(ConversationsArtifact.QUESTION, DataTypes.StringType, true)
            .add(ConversationsArtifact.MESSAGES_JSON, DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true);
    /** Rows per output file, about. */
    private static final long ROWS_PER_FILE = 50_000;

    private ConversationWriter() {
    }

    /** Input lines as a Dataset of {@link #INPUT} rows. */
    public static Dataset<Row> toDataset(SparkSession spark, List<InputLine> lines) {
        List<Row> rows = lines.stream().map(l -> RowFactory.create(l.id(), l.source(), l.file(), l.lineNumber(),
                l.raw())).toList();
        return spark.createDataFrame(rows, INPUT);
    }

    /** Parses, splits and writes {@code lines} under {@code versionUri}; returns the counts. */
    public static ConversationStats write(Dataset<Row> lines, double valFraction, String versionUri,
                                          Configuration hadoop) {
        Dataset<Row> parsed = lines.map(parser(valFraction), Encoders.row(PARSED))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, ConversationsArtifact.Split> splits = new TreeMap<>();
            long rejected = 0;
            Map<String, Long> byReason = new TreeMap<>();
            Map<String, Map<String, Long>> bySplit = new TreeMap<>();
            for (Row r : parsed.groupBy(col("split"), col("source"), col("reason")).count().collectAsList()) {
                long n = r.getLong(3);
                if (r.isNullAt(0)) {
                    byReason.merge(r.getString(2), n, Long::sum);
                    rejected += n;
                } else {
                    bySplit.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), n);
                }
            }
            for (String split : List.of(QuestionSplit.TRAIN, QuestionSplit.VAL)) {
                Map<String, Long> bySource = bySplit.getOrDefault(split, Map.of());
                long n = bySource.values().stream().mapToLong(Long::longValue).sum();
                splits.put(split, new ConversationsArtifact.Split(n, bySource));
                Dataset<Row> rows = parsed.where(col("split").equalTo(split)).select(col("id"), col("source"),
                        col(ConversationsArtifact.QUESTION), col(ConversationsArtifact.MESSAGES_JSON));
                writeParquet(rows, n, versionUri + "/" + split);
            }
            Dataset<Row> bad = parsed.where(col("split").isNull()).select(col("id"), col("source"), col("file"),
                    col("line_number"), col("reason"), col("detail"), col("raw"));
            writeParquet(bad, rejected, versionUri + "/" + ConversationsArtifact.REJECTED_DIR);
            long total = splits.values().stream().mapToLong(ConversationsArtifact.Split::conversations).sum()
                    + rejected;
            ConversationStats stats = new ConversationStats(total, splits, byReason);
            writeStats(stats, versionUri + "/" + ConversationsArtifact.STATS_FILE, hadoop);
            return stats;
        } finally {
            parsed.unpersist();
        }
    }

    private static void writeParquet(Dataset<Row> rows, long count, String uri) {
        int files = (int) Math.max(1, Math.min(1000, count / ROWS_PER_FILE + 1));
        rows.repartition(files, col("id")).sortWithinPartitions("id")
                .write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(uri);
    }

    private static void writeStats(ConversationStats stats, String uri, Configuration hadoop) {
        Path path = new Path(uri);
        try (OutputStream out = path.getFileSystem(hadoop).create(path, false)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, stats.toMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + uri, e);
        }
    }

    /** Parses one input row on an executor: split, question and canonical JSON, or reason and detail. */
    private static MapFunction<Row, Row> parser(double valFraction) {
        return row -> {
            String raw = row.getString(4);
            ChatParse parse = ChatJsonl.parse(raw);
            if (!parse.isOk()) {
                return RowFactory.create(row.get(0), row.get(1), row.get(2), row.get(3), raw, null, null, null,
                        parse.reason().name(), parse.detail());
            }
            String question = parse.conversation().messages().get(0).text();
            return RowFactory.create(row.get(0), row.get(1), row.get(2), row.get(3), raw,
                    QuestionSplit.splitOf(question, valFraction), QuestionSplit.normalize(question),
                    ChatJsonl.format(parse.conversation()), null, null);
        };
    }
}
