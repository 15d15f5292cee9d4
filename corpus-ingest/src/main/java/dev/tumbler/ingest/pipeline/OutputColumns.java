package dev.tumbler.ingest.pipeline;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The column layout of a corpus snapshot: snake_case names, documents and {@code _rejected/}. */
public final class OutputColumns {
    private OutputColumns() {
    }

    /** Columns of a kept document. */
    public static Dataset<Row> documents(Dataset<Row> docs) {
        return docs.select(documentColumns());
    }

    /** Columns of a dropped document: the document, plus {@code step}, {@code reason} and {@code detail}. */
    public static Dataset<Row> rejected(Dataset<Row> docs) {
        Column[] base = documentColumns();
        Column[] all = java.util.Arrays.copyOf(base, base.length + 3);
        all[base.length] = col("step");
        all[base.length + 1] = col("reason");
        all[base.length + 2] = col("detail");
        return docs.select(all);
    }

    private static Column[] documentColumns() {
        return new Column[] {
            col("docId").as("doc_id"),
            col("url"),
            col("source"),
            col("snapshot"),
            col("lang"),
            col("langScore").as("lang_score"),
            col("title"),
            col("text"),
            col("NChars").as("n_chars"),
            col("NWords").as("n_words"),
            col("quality"),
            col("piiReplacements").as("pii_replacements"),
            col("contentHash").as("content_hash"),
            col("minhash"),
            col("inputFile").as("input_file"),
            col("recordIndex").as("record_index"),
        };
    }
}
