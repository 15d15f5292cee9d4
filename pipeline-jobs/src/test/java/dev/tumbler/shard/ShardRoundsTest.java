package dev.tumbler.shard;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.testing.SharedSpark;
import dev.tumbler.model.data.BatchConfig;
import dev.tumbler.model.data.PackedTokens;
import dev.tumbler.model.data.TokenBatches;
import dev.tumbler.model.data.TokenWindow;
import dev.tumbler.train.CachedRounds;
import dev.tumbler.train.RoundData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Streaming rounds against the cached rounds over the same shard files: three files of 20, 9 and 15 rows in row groups
 * of 7 rows (groups start at rows 0, 7, 14 | 20, 27 | 29, 36, 43), windows of 6 tokens, minibatches of 3 windows
 * (14 minibatches; the last 2 rows are dropped).
 */
@Tag("slow")
class ShardRoundsTest {
    static final int SEQ_LEN = 5;
    static final int MINIBATCH = 3;
    static final long[] FILE_ROWS = {20, 9, 15};
    static final int ROWS_PER_GROUP = 7;

    @TempDir
    static java.nio.file.Path dir;
    static String split;
    static SparkSession spark;
    static RoundData cached;
    static ShardRounds streamed;

    /** The tokens of global row {@code r}. */
    static int[] window(long r) {
        int[] t = new int[SEQ_LEN + 1];
        for (int j = 0; j < t.length; j++) {
            t[j] = (int) ((r * 31 + j * 7) % 97);
        }
        return t;
    }

    @BeforeAll
    static void writeShards() {
        spark = SharedSpark.get();
        split = dir.resolve("train").toUri().toString();
        Configuration conf = new Configuration();
        long first = 0;
        // Written last-first, so only the name order can give the global order.
        for (int f = FILE_ROWS.length - 1; f >= 0; f--) {
            long start = LongStream.of(FILE_ROWS).limit(f).sum();
            Iterator<int[]> windows = LongStream.range(start, start + FILE_ROWS[f]).mapToObj(ShardRoundsTest::window)
                    .iterator();
            ShardFiles.write(conf, new Path(split, "part-0000" + f + ".zstd.parquet"), windows, 1, ROWS_PER_GROUP);
            first += FILE_ROWS[f];
        }
        assertEquals(44, first);
        streamed = ShardRounds.open(spark, split, new BatchConfig(SEQ_LEN, MINIBATCH, false, true),
                WindowDecoder.PACKED_TOKENS);
        cached = CachedRounds.of(reference().cache());
    }

    /** The files read by Spark's own Parquet reader one by one in name order, batched in one partition. */
    static JavaRDD<MultiDataSet> reference() {
        JavaRDD<Row> rows = null;
        for (int f = 0; f < FILE_ROWS.length; f++) {
            JavaRDD<Row> file = spark.read().parquet(split + "/part-0000" + f + ".zstd.parquet")
                    .select(col("tokens")).javaRDD();
            rows = rows == null ? file : rows.union(file);
        }
        BatchConfig config = new BatchConfig(SEQ_LEN, MINIBATCH, false, true);
        return rows.coalesce(1).mapPartitions((FlatMapFunction<Iterator<Row>, MultiDataSet>) it ->
                new TokenBatches(ShardSource.windows(it), config));
    }

    @Test
    void indexesRowGroupsInNameOrder() {
        RowGroupIndex index = streamed.index();
        assertEquals(44, index.rows());
        assertEquals(8, index.groups());
        long[] starts = new long[index.groups()];
        for (int g = 0; g < starts.length; g++) {
            starts[g] = index.start(g);
        }
        assertArrayEquals(new long[] {0, 7, 14, 20, 27, 29, 36, 43}, starts);
        assertEquals(14, streamed.size());
        assertEquals(cached.size(), streamed.size());
    }

    @Test
    void roundsEqualTheCachedRounds() {
        long size = streamed.size();
        // Within a file across a row group; across files; wrapping; far past one pass; negative; more workers.
        long[][] cases = {{0, 2, 2}, {5, 2, 2}, {12, 2, 2}, {3 * size + 9, 2, 2}, {-1, 2, 2}, {6, 3, 1}, {13, 1, 4}};
        for (long[] c : cases) {
            List<List<MultiDataSet>> want = cached.round(c[0], (int) c[1], (int) c[2]).glom().collect();
            JavaRDD<MultiDataSet> round = streamed.round(c[0], (int) c[1], (int) c[2]);
            assertEquals(c[1], round.getNumPartitions(), "partitions at " + Arrays.toString(c));
            List<List<MultiDataSet>> got = round.glom().collect();
            assertEquals(want.size(), got.size());
            for (int w = 0; w < want.size(); w++) {
                assertEquals(c[2], got.get(w).size(), "minibatches of worker " + w + " at " + Arrays.toString(c));
                for (int k = 0; k < c[2]; k++) {
                    String where = "worker " + w + " minibatch " + k + " at " + Arrays.toString(c);
                    assertEquals(want.get(w).get(k).getFeatures(0), got.get(w).get(k).getFeatures(0), where);
                    assertEquals(want.get(w).get(k).getLabels(0), got.get(w).get(k).getLabels(0), where);
                }
            }
        }
    }

    @Test
    void minibatchesHoldTheWindowsInGlobalOrder() {
        // Minibatch 7 = rows 21..23 (file 1); its first feature row is row 21's first 5 tokens.
        MultiDataSet batch = streamed.round(7, 1, 1).collect().get(0);
        float[] features = batch.getFeatures(0).getRow(0).toFloatVector();
        int[] tokens = window(21);
        for (int t = 0; t < SEQ_LEN; t++) {
            assertEquals(tokens[t], features[t], 0);
        }
    }

    @Test
    void aRoundOpensOnlyTheRowGroupsOfItsMinibatches() {
        long before = RowGroupWindows.rowGroupsOpened();
        // Worker 0: minibatches 5, 6 = rows 15..20, groups at 14 and 20; worker 1: 7, 8 = rows 21..26, group at 20.
        assertEquals(4, streamed.round(5, 2, 2).count());
        assertEquals(3, RowGroupWindows.rowGroupsOpened() - before);
        before = RowGroupWindows.rowGroupsOpened();
        // Wrapping: worker 0: 12, 13 = rows 36..41 (group at 36); worker 1: 0, 1 = rows 0..5 (group at 0).
        assertEquals(4, streamed.round(12, 2, 2).count());
        assertEquals(2, RowGroupWindows.rowGroupsOpened() - before);
    }

    @Test
    void reopenedShardsGiveTheSameRounds() {
        ShardRounds again = ShardRounds.open(spark, split, new BatchConfig(SEQ_LEN, MINIBATCH, false, true),
                WindowDecoder.PACKED_TOKENS);
        List<MultiDataSet> a = streamed.round(9, 2, 2).collect();
        List<MultiDataSet> b = again.round(9, 2, 2).collect();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getFeatures(0), b.get(i).getFeatures(0));
        }
    }

    @Test
    void aDecoderOfItsOwnGivesLossMasks() {
        ShardRounds sft = ShardRounds.open(spark, split, new BatchConfig(SEQ_LEN, MINIBATCH, true, true),
                new HalfWeights());
        MultiDataSet batch = sft.round(0, 1, 1).collect().get(0);
        assertNotNull(batch.getLabelsMaskArray(0));
        assertArrayEquals(new float[] {0, 0.5f, 0.5f, 0.5f, 0.5f},
                batch.getLabelsMaskArray(0).getRow(2).toFloatVector());
    }

    @Test
    void refusesRoundsLargerThanThePassAndMissingColumns() {
        assertThrows(IllegalArgumentException.class, () -> streamed.round(0, 3, 5));
        ShardRounds bad = ShardRounds.open(spark, split, new BatchConfig(SEQ_LEN, MINIBATCH, false, true),
                new MissingColumn());
        Exception e = assertThrows(Exception.class, () -> bad.round(0, 1, 1).count());
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains("has no column 'ids'")), messages.toString());
    }

    /** An SFT-like decoder: weight 0 on the first prediction, 0.5 on the others. */
    static final class HalfWeights implements WindowDecoder {
        @Override
        public List<String> columns() {
            return List.of("tokens");
        }

        @Override
        public TokenWindow decode(Group row) {
            int[] tokens = PackedTokens.decode(row.getBinary("tokens", 0).getBytes());
            float[] weights = new float[tokens.length - 1];
            Arrays.fill(weights, 1, weights.length, 0.5f);
            return new TokenWindow(tokens, weights);
        }
    }

    /** A decoder of a column the shards do not have. */
    static final class MissingColumn implements WindowDecoder {
        @Override
        public List<String> columns() {
            return List.of("ids");
        }

        @Override
        public TokenWindow decode(Group row) {
            throw new AssertionError("never reached");
        }
    }
}
