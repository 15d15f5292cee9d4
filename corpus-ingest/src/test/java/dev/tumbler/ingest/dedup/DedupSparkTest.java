package dev.tumbler.ingest.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tumbler.ingest.testing.SharedSpark;
import java.util.ArrayList;
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

class DedupSparkTest {
    private final SparkSession spark = SharedSpark.get();

    @Test
    void connectedComponentsLabelEachComponentWithItsSmallestId() {
        StructType schema = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
        // A chain d-c-b-a (diameter 3) and a separate pair x-y.
        List<Row> rows = List.of(RowFactory.create("d", "c"), RowFactory.create("c", "b"),
                RowFactory.create("b", "a"), RowFactory.create("y", "x"));
        Map<String, String> labels = toMap(ConnectedComponents.minLabels(spark.createDataFrame(rows, schema)));
        assertEquals(Map.of("a", "a", "b", "a", "c", "a", "d", "a", "x", "x", "y", "x"), labels);
    }

    @Test
    void exactDuplicatesKeepTheSmallestId() {
        StructType schema = new StructType().add("docId", DataTypes.StringType).add("contentHash", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create("b", "h1"), RowFactory.create("a", "h1"),
                RowFactory.create("c", "h1"), RowFactory.create("d", "h2"));
        Map<String, String> dups = toMap(ExactDuplicates.find(spark.createDataFrame(rows, schema)));
        assertEquals(Map.of("b", "a", "c", "a"), dups);
    }

    @Test
    void nearDuplicatesAreFoundThroughTransitiveClustersAndOneIsKept() {
        MinHasher hasher = new MinHasher(DedupConfig.defaults().numHashes(), 5, 42);
        String base = paragraph(0) + " " + paragraph(1) + " " + paragraph(2);
        List<Row> rows = new ArrayList<>();
        rows.add(doc("d1", hasher, base));
        rows.add(doc("d2", hasher, base.replace("river", "stream")));           // one word changed
        rows.add(doc("d3", hasher, base.replace("river", "stream").replace("library", "museum")));
        rows.add(doc("e1", hasher, paragraph(1)));                                // a third of base
        rows.add(doc("e2", hasher, paragraph(2) + " " + paragraph(0)));           // reordered two thirds
        StructType schema = new StructType().add("docId", DataTypes.StringType)
                .add("minhash", DataTypes.createArrayType(DataTypes.IntegerType));
        Map<String, String> dups = toMap(NearDuplicates.find(spark.createDataFrame(rows, schema), DedupConfig.defaults()));
        assertEquals(Map.of("d2", "d1", "d3", "d1"), dups);
    }

    @Test
    void thresholdIsRespected() {
        MinHasher hasher = new MinHasher(DedupConfig.defaults().numHashes(), 5, 42);
        String base = paragraph(0);
        String half = base.substring(0, base.length() / 2) + " " + paragraph(1);
        List<Row> rows = List.of(doc("a", hasher, base), doc("b", hasher, half));
        StructType schema = new StructType().add("docId", DataTypes.StringType)
                .add("minhash", DataTypes.createArrayType(DataTypes.IntegerType));
        DedupConfig loose = new DedupConfig(true, true, 5, 14, 1, 0.1, 200);
        DedupConfig strict = DedupConfig.defaults();
        assertEquals(Map.of("b", "a"), toMap(NearDuplicates.find(spark.createDataFrame(rows, schema), loose)));
        assertEquals(Map.of(), toMap(NearDuplicates.find(spark.createDataFrame(rows, schema), strict)));
    }

    private static Row doc(String id, MinHasher hasher, String text) {
        int[] sig = hasher.signature(text);
        Integer[] boxed = new Integer[sig.length];
        for (int i = 0; i < sig.length; i++) {
            boxed[i] = sig[i];
        }
        return RowFactory.create(id, boxed);
    }

    static String paragraph(int variant) {
        String[] topics = {
            "The town council voted to build a new library beside the river, and the architects promised that the "
                + "reading rooms would face the water so that visitors could watch the boats while they studied. "
                + "Construction is expected to begin in the spring and to last about eighteen months, weather permitting.",
            "Bees communicate the location of flowers through a waggle dance whose angle encodes the direction "
                + "relative to the sun and whose duration encodes the distance, a discovery that earned a Nobel prize.",
            "The recipe calls for two cups of flour, a pinch of salt, three eggs and a generous spoon of butter, "
                + "mixed slowly until the dough is smooth and then left to rest in a cool place for an hour.",
        };
        return topics[variant];
    }

    private static Map<String, String> toMap(Dataset<Row> pairs) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : pairs.collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }
}
