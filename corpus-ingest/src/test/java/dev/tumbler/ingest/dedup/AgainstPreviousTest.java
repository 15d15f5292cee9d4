package dev.tumbler.ingest.dedup;

import static dev.tumbler.ingest.dedup.DedupSparkTest.paragraph;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tumbler.ingest.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class AgainstPreviousTest {
    private static final StructType HASHES = new StructType().add("docId", DataTypes.StringType)
            .add("contentHash", DataTypes.StringType);
    private static final StructType SIGNATURES = new StructType().add("docId", DataTypes.StringType)
            .add("minhash", DataTypes.createArrayType(DataTypes.IntegerType));
    private final SparkSession spark = SharedSpark.get();
    private final MinHasher hasher = new MinHasher(DedupConfig.defaults().numHashes(), 5, 42);

    @Test
    void exactCopiesOfPreviousDocumentsGoEvenWhenTheirIdIsSmaller() {
        Dataset<Row> previous = spark.createDataFrame(List.of(RowFactory.create("m", "h1"),
                RowFactory.create("n", "h1")), HASHES);  // two previous copies: both stay (already published)
        Dataset<Row> fresh = spark.createDataFrame(List.of(RowFactory.create("a", "h1"), RowFactory.create("c", "h2"),
                RowFactory.create("b", "h2"), RowFactory.create("d", "h3")), HASHES);
        // "a" sorts before the previous "m" but still goes; among new-only copies the smallest id stays.
        assertEquals(Map.of("a", "m", "c", "b"), toMap(AgainstPrevious.exact(fresh, previous)));
    }

    @Test
    void nearCopiesOfPreviousDocumentsGoAndNewClustersKeepOne() {
        String library = paragraph(0) + " " + paragraph(1);
        String bread = paragraph(2);
        Dataset<Row> previous = spark.createDataFrame(List.of(doc("p", library)), SIGNATURES);
        Dataset<Row> fresh = spark.createDataFrame(List.of(
                doc("a", library.replace("river", "stream")),      // near the previous "p"
                doc("x", bread), doc("y", bread + " Serve it warm with butter."),  // a new-only cluster
                doc("z", paragraph(1))), SIGNATURES);               // unrelated enough to stay
        assertEquals(Map.of("a", "p", "y", "x"), toMap(AgainstPrevious.near(fresh, previous, DedupConfig.defaults())));
    }

    @Test
    void idsAlreadyInThePreviousSnapshotAreReported() {
        Dataset<Row> previous = spark.createDataFrame(List.of(RowFactory.create("a", "h1")), HASHES);
        Dataset<Row> fresh = spark.createDataFrame(List.of(RowFactory.create("a", "h9"), RowFactory.create("b", "h2")), HASHES);
        assertEquals(Map.of("a", "a"), toMap(AgainstPrevious.sameId(fresh, previous)));
    }

    private Row doc(String id, String text) {
        int[] sig = hasher.signature(text);
        Integer[] boxed = new Integer[sig.length];
        for (int i = 0; i < sig.length; i++) {
            boxed[i] = sig[i];
        }
        return RowFactory.create(id, boxed);
    }

    private static Map<String, String> toMap(Dataset<Row> pairs) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : pairs.collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }
}
