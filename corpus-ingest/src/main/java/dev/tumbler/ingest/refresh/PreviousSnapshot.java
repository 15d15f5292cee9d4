package dev.tumbler.ingest.refresh;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The snapshot a refresh builds on: its ref (for reporting) and its {@code documents/} folder, whose
 * stored {@code content_hash} and {@code minhash} columns the new documents are deduplicated against.
 *
 * @param ref          {@code corpus/NAME/vN}
 * @param documentsUri the snapshot's {@code documents/} folder
 */
public record PreviousSnapshot(String ref, String documentsUri) {

    /** The previous documents' dedup keys, with the column names of the in-flight documents. */
    public Dataset<Row> dedupKeys(SparkSession spark) {
        return spark.read().parquet(documentsUri)
                .select(col("doc_id").as("docId"), col("content_hash").as("contentHash"), col("minhash"));
    }
}
