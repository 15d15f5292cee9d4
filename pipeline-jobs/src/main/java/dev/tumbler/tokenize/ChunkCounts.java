package dev.tumbler.tokenize;

import static org.apache.spark.sql.functions.col;

import dev.tumbler.model.tokenizer.SplitPattern;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Counts pre-token chunks on the executors: each document is split with the tokenizer's pattern,
 * the chunks are counted by a Dataset aggregation (Spark combines map-side), rare chunks are pruned,
 * and only the distinct surviving chunks with their counts reach the driver: their number grows
 * with the corpus's vocabulary, not with its size.
 */
public final class ChunkCounts {
    private ChunkCounts() {
    }

    /** Chunk counts of the {@code text} column, without chunks seen fewer than {@code minFrequency} times. */
    public static Map<String, Long> count(Dataset<Row> docs, SplitPattern pattern, long minFrequency) {
        Dataset<String> chunks = docs.select(col("text")).where(col("text").isNotNull())
                .flatMap((FlatMapFunction<Row, String>) r -> pattern.split(r.getString(0)).iterator(), Encoders.STRING());
        Map<String, Long> out = new HashMap<>();
        for (Row r : chunks.groupBy(col("value")).count().where(col("count").geq(minFrequency)).collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
