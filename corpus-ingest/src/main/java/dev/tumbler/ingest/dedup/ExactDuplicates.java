package dev.tumbler.ingest.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Exact duplicates: documents with the same {@code contentHash} (sha256 of the normalized text).
 * Of each group the smallest {@code docId} is kept, so the choice is the same on every run.
 */
public final class ExactDuplicates {
    private ExactDuplicates() {
    }

    /**
     * @param kept rows with {@code docId} and {@code contentHash} of the documents still kept
     * @return rows {@code (docId, keeper)} for every document to drop, where {@code keeper} is the kept copy
     */
    public static Dataset<Row> find(Dataset<Row> kept) {
        return kept.select(col("docId"), col("contentHash"))
                .withColumn("keeper", min(col("docId")).over(Window.partitionBy(col("contentHash"))))
                .where(col("docId").notEqual(col("keeper")))
                .select(col("docId"), col("keeper"));
    }
}
