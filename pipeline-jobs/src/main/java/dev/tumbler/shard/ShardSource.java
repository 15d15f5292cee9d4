package dev.tumbler.shard;

import static org.apache.spark.sql.functions.col;

import dev.tumbler.artifacts.ShardsArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.model.data.BatchConfig;
import dev.tumbler.model.data.PackedTokens;
import dev.tumbler.model.data.TokenBatches;
import dev.tumbler.model.data.TokenWindow;
import dev.tumbler.model.data.TokenizerCheck;
import dev.tumbler.store.ArtifactRef;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A published {@code shards} artifact opened for training. Opening checks that the shards were
 * made with the model's tokenizer (by sha256) and refuses them otherwise. {@link #rounds} gives training rounds
 * streamed from the files (only the row groups a round needs are read); {@link #batches} streams
 * each Parquet partition into DL4J {@link MultiDataSet}s on the executor that reads it (validation). Nothing
 * goes through the driver.
 */
public final class ShardSource {
    private final ArtifactRef ref;
    private final String location;
    private final int seqLen;

    private ShardSource(ArtifactRef ref, String location, int seqLen) {
        this.ref = ref;
        this.location = location;
        this.seqLen = seqLen;
    }

    /**
     * Opens {@code shards} for a model whose tokenizer is {@code modelTokenizer}.
     *
     * @throws dev.tumbler.model.data.TokenizerMismatchException when the shards used another tokenizer
     */
    public static ShardSource open(ShardsArtifact shards, TokenizerArtifact modelTokenizer) {
        TokenizerCheck.require(shards.ref().toString(), shards.tokenizer().toString(), shards.tokenizerSha256(),
                modelTokenizer.ref().toString(), modelTokenizer.sha256());
        return new ShardSource(shards.ref(), shards.location(), shards.seqLen());
    }

    public ArtifactRef ref() {
        return ref;
    }

    public int seqLen() {
        return seqLen;
    }

    /** The Parquet folder of a split ({@code train} or {@code val}). */
    public String splitUri(String split) {
        return new Path(location, split).toString();
    }

    /**
     * Training rounds of a split, streamed: minibatches of {@code minibatch} windows in file-name, row-group, row
     * order, read by each round's tasks from the row groups that hold them; a final partial minibatch is dropped.
     */
    public ShardRounds rounds(SparkSession spark, String split, int minibatch) {
        return ShardRounds.open(spark, splitUri(split), new BatchConfig(seqLen, minibatch, false, true),
                WindowDecoder.PACKED_TOKENS);
    }

    /** Minibatches of a split, built on the executors from their own partitions. */
    public JavaRDD<MultiDataSet> batches(SparkSession spark, String split, int minibatch, boolean dropLast) {
        BatchConfig config = new BatchConfig(seqLen, minibatch, false, dropLast);
        return spark.read().parquet(splitUri(split)).select(col("tokens")).javaRDD()
                .mapPartitions((FlatMapFunction<Iterator<Row>, MultiDataSet>) rows ->
                        new TokenBatches(windows(rows), config));
    }

    /** The windows of Parquet rows of packed tokens. */
    public static Iterator<TokenWindow> windows(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public TokenWindow next() {
                return TokenWindow.of(PackedTokens.decode((byte[]) rows.next().get(0)));
            }
        };
    }
}
