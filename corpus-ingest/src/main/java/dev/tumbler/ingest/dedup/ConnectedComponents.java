package dev.tumbler.ingest.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph on Spark Datasets, by minimum-label propagation:
 * every node starts with its own id as label and repeatedly takes the smallest label among itself
 * and its neighbours until no label changes. Each component ends labelled with its smallest id.
 * Rounds are bounded by the component diameter; near-duplicate clusters are shallow.
 */
public final class ConnectedComponents {
    private static final int MAX_ROUNDS = 100;

    private ConnectedComponents() {
    }

    /**
     * @param edges rows {@code (a, b)} of string node ids
     * @return rows {@code (id, label)} for every node that has an edge; label = smallest id of its component
     */
    public static Dataset<Row> minLabels(Dataset<Row> edges) {
        Dataset<Row> both = edges.select(col("a").as("src"), col("b").as("dst"))
                .union(edges.select(col("b").as("src"), col("a").as("dst")))
                .distinct()
                .localCheckpoint();
        // Start from the smallest id among each node and its direct neighbours.
        Dataset<Row> labels = both.groupBy(col("src").as("id"))
                .agg(min(least(col("src"), col("dst"))).as("label"))
                .localCheckpoint();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Dataset<Row> next = both.join(labels, both.col("src").equalTo(labels.col("id")))
                    .select(both.col("dst").as("id"), labels.col("label"))
                    .union(labels.select(col("id"), col("label")))
                    .groupBy(col("id")).agg(min(col("label")).as("label"))
                    .localCheckpoint();
            long changed = next.alias("n").join(labels.alias("o"), col("n.id").equalTo(col("o.id")))
                    .where(col("n.label").notEqual(col("o.label"))).count();
            labels = next;
            if (changed == 0) {
                return labels;
            }
        }
        throw new IllegalStateException("connected components did not converge in " + MAX_ROUNDS + " rounds");
    }
}
