package dev.tumbler.shard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tumbler.artifacts.ShardsArtifact;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.tokenize.ExecutorTokenizers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

/**
 * Tokenizes a corpus on the executors and writes packed token shards, one folder per split.
 * Documents go to train or val by a hash of their id; each split is shuffled by a seeded hash of
 * the document id (a range partitioning, so the result is the same on every run), packed into
 * windows by {@link WindowPacker}, and the windows are shuffled again by a seeded key before they
 * are written. Only counts reach the driver.
 *
 * <p>Storage: each row holds one window as {@code tokens: binary}, {@code seqLen + 1} little-endian
 * int32, chosen by measured read speed ({@code tumbler bench shard-format}, 200k windows of 257
 * tokens, 2 cores): read and decoded to {@code int[]} at 36 M tokens/s per core against 20 M for
 * {@code array<int>} (1.8x; one contiguous value per row instead of a repeated column with
 * repetition levels), for 12% more bytes on disk after zstd.
 */
public final class Sharder {
    public static final String TRAIN = "train";
    public static final String VAL = "val";

    private Sharder() {
    }

    /** Counts per split, for the manifest. */
    public record SplitStats(long documents, long documentTokens, long sequences, long documentsCut,
                             long droppedTokens, long utf8Bytes) {
        public long tokens(int seqLen) {
            return sequences * (seqLen + 1L);
        }

        /** These counts as the shards artifact records them. */
        public ShardsArtifact.Split split(int seqLen) {
            return new ShardsArtifact.Split(documents, sequences, tokens(seqLen), documentTokens, documentsCut,
                    droppedTokens);
        }
    }

    /** UTF-8 bytes of text per token over all splits, not counting the {@code <|bos|>} of each document. */
    public static double bytesPerToken(Iterable<SplitStats> splits) {
        long bytes = 0;
        long tokens = 0;
        for (SplitStats s : splits) {
            bytes += s.utf8Bytes();
            tokens += s.documentTokens() - s.documents();
        }
        return tokens == 0 ? 0.0 : (double) bytes / tokens;
    }

    /**
     * @param docs  rows with {@code doc_id} and {@code text}
     * @return stats per split; the windows are written under {@code outputUri/<split>/}
     */
    public static Map<String, SplitStats> run(Dataset<Row> docs, String tokenizerJson, ShardSettings settings,
                                              long seed, String outputUri) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(docs.sparkSession().sparkContext());
        Broadcast<String> json = jsc.broadcast(tokenizerJson);
        double valFraction = settings.valFraction();
        Dataset<DocTokens> tokenized = docs.select(col("doc_id"), col("text")).where(col("text").isNotNull())
                .map((MapFunction<Row, DocTokens>) r -> {
                    Tokenizer t = ExecutorTokenizers.fromJson(json.value());
                    String id = r.getString(0);
                    String text = r.getString(1);
                    int[] body = t.encode(text);
                    int[] tokens = new int[body.length + 1];
                    tokens[0] = t.idOf(SpecialTokens.BOS);
                    System.arraycopy(body, 0, tokens, 1, body.length);
                    String split = ShardKeys.isVal(id, valFraction) ? VAL : TRAIN;
                    return new DocTokens(id, split, ShardKeys.hash(id, seed), tokens,
                            text.getBytes(StandardCharsets.UTF_8).length);
                }, Encoders.bean(DocTokens.class))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, long[]> docCounts = new LinkedHashMap<>();
        for (Row r : tokenized.groupBy(col("split"))
                .agg(count(lit(1)), sum(size(col("tokens"))), sum(col("utf8Bytes"))).collectAsList()) {
            docCounts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
        }
        Map<String, SplitStats> stats = new LinkedHashMap<>();
        for (String split : new String[] {TRAIN, VAL}) {
            long[] c = docCounts.getOrDefault(split, new long[3]);
            stats.put(split, writeSplit(tokenized, split, c, settings, seed, outputUri + "/" + split));
        }
        tokenized.unpersist();
        return stats;
    }

    private static SplitStats writeSplit(Dataset<DocTokens> tokenized, String split, long[] docCounts,
                                         ShardSettings settings, long seed, String uri) {
        long windowsEstimate = docCounts[1] / (settings.seqLen() + 1L);
        int partitions = (int) Math.max(1, Math.min(100_000, windowsEstimate / settings.windowsPerPartition() + 1));
        int seqLen = settings.seqLen();
        Dataset<ShardWindow> windows = tokenized.where(col("split").equalTo(split))
                .repartitionByRange(partitions, col("shuffleKey"))
                .sortWithinPartitions(col("shuffleKey"))
                .mapPartitions((MapPartitionsFunction<DocTokens, ShardWindow>) it ->
                        new WindowPacker(it, split, seqLen, seed, TaskContext.getPartitionId()),
                        Encoders.bean(ShardWindow.class))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row totals = windows.agg(
                sum(when(col("tokens").isNotNull(), 1L).otherwise(0L)),
                sum(col("docsCut")),
                sum(col("droppedTokens"))).first();
        long sequences = totals.isNullAt(0) ? 0 : totals.getLong(0);
        windows.where(col("tokens").isNotNull())
                .repartitionByRange(partitions, col("shuffleKey"))
                .sortWithinPartitions(col("shuffleKey"))
                .select(col("tokens"))
                .write().mode(SaveMode.ErrorIfExists)
                .option("compression", "zstd")
                .option("parquet.block.size", String.valueOf((long) settings.rowGroupMb() << 20))
                .parquet(uri);
        windows.unpersist();
        return new SplitStats(docCounts[0], docCounts[1], sequences,
                totals.isNullAt(1) ? 0 : totals.getLong(1), totals.isNullAt(2) ? 0 : totals.getLong(2), docCounts[2]);
    }
}
