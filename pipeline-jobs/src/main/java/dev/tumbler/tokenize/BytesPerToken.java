package dev.tumbler.tokenize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import dev.tumbler.model.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * UTF-8 bytes per token of a text column under a tokenizer, measured on the executors: the
 * tokenizer travels as its JSON (broadcast) and is rebuilt once per executor JVM ({@link ExecutorTokenizers}).
 */
public final class BytesPerToken {
    private BytesPerToken() {
    }

    /** The totals and their ratio. */
    public record Measure(long bytes, long tokens) {
        public double bytesPerToken() {
            return tokens == 0 ? 0 : (double) bytes / tokens;
        }
    }

    public static Measure measure(Dataset<Row> docs, String tokenizerJson) {
        Broadcast<String> json = new org.apache.spark.api.java.JavaSparkContext(docs.sparkSession().sparkContext())
                .broadcast(tokenizerJson);
        Row totals = docs.select(col("text")).where(col("text").isNotNull())
                .map((MapFunction<Row, Tuple2<Long, Long>>) r -> {
                    String text = r.getString(0);
                    Tokenizer t = ExecutorTokenizers.fromJson(json.value());
                    return new Tuple2<>((long) text.getBytes(StandardCharsets.UTF_8).length, (long) t.encode(text).length);
                }, Encoders.tuple(Encoders.LONG(), Encoders.LONG()))
                .toDF("bytes", "tokens")
                .agg(sum(col("bytes")), sum(col("tokens"))).first();
        return new Measure(totals.isNullAt(0) ? 0 : totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1));
    }
}
