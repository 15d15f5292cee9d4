package dev.tumbler.ingest.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Deduplication of new documents against a previous snapshot (a refresh). The previous documents
 * are already published, so they are never dropped: of a cluster that holds a previous document,
 * every new member goes; a cluster of new documents only keeps its smallest {@code docId}, as in a
 * plain ingest. This is done by running the ordinary exact and MinHash steps over both sets with
 * the previous ids prefixed {@code 0} and the new ids {@code 1}, so a previous document always has
 * the smallest id of its cluster, and keeping only the drops of new documents.
 */
public final class AgainstPrevious {
    private static final String PREVIOUS = "0";
    private static final String FRESH = "1";

    private AgainstPrevious() {
    }

    /**
     * @param fresh    rows with {@code docId} and {@code contentHash} of the new documents still kept
     * @param previous rows with {@code docId} and {@code contentHash} of the previous snapshot's documents
     * @return rows {@code (docId, keeper)} for every new document to drop
     */
    public static Dataset<Row> exact(Dataset<Row> fresh, Dataset<Row> previous) {
        Dataset<Row> both = prefixed(previous, PREVIOUS, "contentHash").union(prefixed(fresh, FRESH, "contentHash"));
        return freshDrops(ExactDuplicates.find(both));
    }

    /**
     * @param fresh    rows with {@code docId} and {@code minhash} of the new documents still kept
     * @param previous rows with {@code docId} and {@code minhash} of the previous snapshot's documents,
     *                 made with the same MinHash settings and seed
     * @return rows {@code (docId, keeper)} for every new document to drop
     */
    public static Dataset<Row> near(Dataset<Row> fresh, Dataset<Row> previous, DedupConfig config) {
        Dataset<Row> both = prefixed(previous, PREVIOUS, "minhash").union(prefixed(fresh, FRESH, "minhash"));
        return freshDrops(NearDuplicates.find(both, config, FRESH));
    }

    /**
     * New documents whose id is already in the previous snapshot: a re-read input file that changed
     * since it was ingested. Ids stay unique in a snapshot, so these are dropped (and reported).
     *
     * @return rows {@code (docId, keeper)} with keeper = the same id in the previous snapshot
     */
    public static Dataset<Row> sameId(Dataset<Row> fresh, Dataset<Row> previous) {
        Dataset<Row> prev = previous.select(col("docId").as("_prev_id"));
        return fresh.select(col("docId")).join(prev, col("docId").equalTo(col("_prev_id")), "left_semi")
                .select(col("docId"), col("docId").as("keeper"));
    }

    private static Dataset<Row> prefixed(Dataset<Row> docs, String prefix, String column) {
        return docs.select(concat(lit(prefix), col("docId")).as("docId"), col(column));
    }

    private static Dataset<Row> freshDrops(Dataset<Row> drops) {
        return drops.where(col("docId").startsWith(FRESH))
                .select(col("docId").substr(2, Integer.MAX_VALUE).as("docId"),
                        col("keeper").substr(2, Integer.MAX_VALUE).as("keeper"));
    }
}
