package dev.tumbler.jobs;

import static org.apache.spark.sql.functions.col;

import dev.tumbler.artifacts.CorpusArtifact;
import dev.tumbler.artifacts.ShardsArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.shard.Sharder;
import dev.tumbler.shard.ShardSettings;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.StagingArea;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shard phase: tokenizes a corpus artifact with a tokenizer artifact on the executors and
 * publishes a {@code shards} artifact with {@code train/} and {@code val/} Parquet windows of
 * {@code seqLen + 1} tokens. The manifest names the tokenizer and its sha256, so training can
 * refuse shards made with another tokenizer. {@link #run} returns the ref it published.
 */
public final class ShardJob {
    /** Everything the CLI hands over. */
    public record Request(RunContext context, String corpus, String tokenizer, String name, ShardSettings settings) {
    }

    private final Request request;
    private final PrintStream out;

    public ShardJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Shards the corpus and returns the ref of the shards artifact it published. */
    public ArtifactRef run() {
        RunContext context = request.context();
        ArtifactRef.requireSegment("name", request.name());
        ArtifactStore store = context.openStore(HadoopConfs.fromSystemProperties());
        ArtifactRef corpusRef = store.resolve(request.corpus(), ArtifactKind.CORPUS, "--corpus");
        ArtifactRef tokenizerRef = store.resolve(request.tokenizer(), ArtifactKind.TOKENIZER, "--tokenizer");
        CorpusArtifact corpus = CorpusArtifact.read(store, corpusRef);
        TokenizerArtifact tokenizer = TokenizerArtifact.read(store, tokenizerRef.toString(), "--tokenizer");
        String json = tokenizer.json(store);
        TokenizerJson.fromJson(json, null);   // fail now, not on the executors, if it does not load
        ShardSettings settings = request.settings();

        return SparkSessions.with("tumbler shard", context.master(), spark -> {
            Dataset<Row> docs = spark.read().parquet(corpus.documentsUri()).select(col("doc_id"), col("text"));
            if (docs.isEmpty()) {
                throw new IllegalArgumentException("--corpus " + corpus.ref() + " has no documents; nothing to shard");
            }
            StagingArea staging = ShardsArtifact.stage(store, request.name());
            Map<String, Sharder.SplitStats> stats;
            try {
                stats = Sharder.run(docs, json, settings, context.seed(), staging.uri());
            } catch (RuntimeException e) {
                store.abandon(staging);
                throw e;
            }
            Sharder.SplitStats train = stats.get(Sharder.TRAIN);
            if (train.sequences() == 0) {
                store.abandon(staging);
                throw new IllegalArgumentException("--corpus " + corpus.ref() + " holds " + train.documentTokens()
                        + " training tokens, fewer than one window of --seq-len " + settings.seqLen() + " + 1");
            }
            Map<String, ShardsArtifact.Split> splits = new LinkedHashMap<>();
            stats.forEach((split, s) -> splits.put(split, s.split(settings.seqLen())));
            double bytesPerToken = Sharder.bytesPerToken(stats.values());
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("corpus", corpus.ref().toString());
            config.put("tokenizer", tokenizer.ref().toString());
            config.put("seq_len", settings.seqLen());
            config.put("val_fraction", settings.valFraction());
            config.put("row_group_mb", settings.rowGroupMb());
            config.put("windows_per_file", settings.windowsPerPartition());
            config.put("seed", context.seed());
            ArtifactRef ref = ShardsArtifact.publish(store, staging, settings.seqLen(), tokenizer, splits,
                    bytesPerToken, context.commandLine(), config, List.of(corpus.ref(), tokenizer.ref()));
            stats.forEach((split, s) -> out.printf(
                    "%-5s %8d documents -> %8d sequences of %d+1 tokens (%d cut, %d tokens dropped)%n",
                    split, s.documents(), s.sequences(), settings.seqLen(), s.documentsCut(), s.droppedTokens()));
            out.printf("bytes per token: %.3f%n", bytesPerToken);
            return ref;
        });
    }
}
