package dev.tumbler.ingest.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * MinHash near-duplicates with LSH banding, all on Spark Datasets. Documents that share a band are
 * candidates; a candidate pair whose signatures agree on at least {@code jaccardThreshold} of their
 * positions is an edge; the connected components of the edges are the clusters ({@link
 * ConnectedComponents}); the smallest {@code docId} of each cluster is kept.
 */
public final class NearDuplicates {
    private NearDuplicates() {
    }

    /**
     * @param kept rows with {@code docId} and {@code minhash} of the documents still kept
     * @return rows {@code (docId, keeper)} for every document to drop
     */
    public static Dataset<Row> find(Dataset<Row> kept, DedupConfig config) {
        return find(kept, config, null);
    }

    /**
     * Like {@link #find(Dataset, DedupConfig)}, but only LSH buckets holding at least one id that
     * starts with {@code bucketNeedsPrefix} (when not null) are compared: a refresh compares the new
     * documents with the previous snapshot, never the previous documents among themselves.
     */
    static Dataset<Row> find(Dataset<Row> kept, DedupConfig config, String bucketNeedsPrefix) {
        Dataset<Row> signatures = kept.select(col("docId"), col("minhash")).where(col("minhash").isNotNull());
        int rows = config.rowsPerBand();
        int bands = config.bands();
        Dataset<BandKey> bandKeys = signatures.flatMap(
                (FlatMapFunction<Row, BandKey>) r -> bandsOf(r.getString(0), r.getList(1), bands, rows),
                Encoders.bean(BandKey.class));
        Dataset<Row> buckets = bandKeys.groupBy(col("band"), col("key"))
                .agg(collect_list(col("docId")).as("members"))
                .where(size(col("members")).gt(1));
        if (bucketNeedsPrefix != null) {
            buckets = buckets.where(expr("exists(members, m -> startswith(m, '" + bucketNeedsPrefix + "'))"));
        }
        int cap = config.maxBucketCompare();
        StructType pairSchema = new StructType()
                .add("a", DataTypes.StringType, false).add("b", DataTypes.StringType, false);
        Dataset<Row> candidates = buckets.select(col("members"))
                .flatMap((FlatMapFunction<Row, Row>) r -> pairsOf(r.getList(0), cap),
                        Encoders.row(pairSchema))
                .distinct();
        UserDefinedFunction similarity = udf(
                (Seq<Integer> x, Seq<Integer> y) -> similarity(x, y), DataTypes.DoubleType);
        Dataset<Row> sa = signatures.withColumnRenamed("docId", "sa_id").withColumnRenamed("minhash", "sa");
        Dataset<Row> sb = signatures.withColumnRenamed("docId", "sb_id").withColumnRenamed("minhash", "sb");
        Dataset<Row> edges = candidates
                .join(sa, col("a").equalTo(col("sa_id")))
                .join(sb, col("b").equalTo(col("sb_id")))
                .where(similarity.apply(col("sa"), col("sb")).geq(config.jaccardThreshold()))
                .select(col("a"), col("b"));
        return ConnectedComponents.minLabels(edges)
                .where(col("id").notEqual(col("label")))
                .select(col("id").as("docId"), col("label").as("keeper"));
    }

    static Iterator<BandKey> bandsOf(String docId, List<Integer> sig, int bands, int rows) {
        List<BandKey> out = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            long h = 0x9E3779B97F4A7C15L * (b + 1);
            for (int r = 0; r < rows; r++) {
                h = MinHasher.mix(h ^ (sig.get(b * rows + r) & 0xFFFFFFFFL));
            }
            out.add(new BandKey(b, h, docId));
        }
        return out.iterator();
    }

    /**
     * Candidate pairs of one bucket, ordered (smaller id, larger id). Each member is paired with at
     * most {@code cap} of the members before it in id order, so a large bucket stays linear.
     */
    static Iterator<Row> pairsOf(List<String> members, int cap) {
        List<String> sorted = new ArrayList<>(members);
        sorted.sort(null);
        List<Row> out = new ArrayList<>();
        for (int j = 1; j < sorted.size(); j++) {
            for (int i = Math.max(0, j - cap); i < j; i++) {
                if (!sorted.get(i).equals(sorted.get(j))) {
                    out.add(RowFactory.create(sorted.get(i), sorted.get(j)));
                }
            }
        }
        return out.iterator();
    }

    private static double similarity(Seq<Integer> a, Seq<Integer> b) {
        List<Integer> x = JavaConverters.seqAsJavaList(a);
        List<Integer> y = JavaConverters.seqAsJavaList(b);
        int n = Math.min(x.size(), y.size());
        int same = 0;
        for (int i = 0; i < n; i++) {
            if (x.get(i).intValue() == y.get(i).intValue()) {
                same++;
            }
        }
        return n == 0 ? 0.0 : (double) same / n;
    }
}
