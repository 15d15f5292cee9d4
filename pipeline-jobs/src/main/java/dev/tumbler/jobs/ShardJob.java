package dev.tumbler.jobs;

import static org.apache.spark.sql.functions.col;

import dev.tumbler.ingest.pipeline.IngestRunner;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.shard.Sharder;
import dev.tumbler.shard.ShardSettings;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import dev.tumbler.tokenize.TokenizerIO;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
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
        ArtifactRef corpus = store.resolve(request.corpus(), "corpus", "--corpus");
        ArtifactRef tokenizerRef = store.resolve(request.tokenizer(), "tokenizer", "--tokenizer");
        store.verifiedManifest(corpus);
        Manifest tokenizerManifest = store.verifiedManifest(tokenizerRef);
        Manifest.FileEntry tokenizerFile = tokenizerManifest.files().get(TokenizerIO.FILE_NAME);
        if (tokenizerFile == null) {
            throw new IllegalArgumentException("--tokenizer: " + tokenizerRef + " has no " + TokenizerIO.FILE_NAME);
        }
        String json;
        try {
            json = TokenizerIO.readJson(store, tokenizerRef);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of " + tokenizerRef, e);
        }
        TokenizerJson.fromJson(json, null);   // fail now, not on the executors, if it does not load
        ShardSettings settings = request.settings();

        return SparkSessions.with("tumbler shard", context.master(), spark -> {
            Dataset<Row> docs = spark.read()
                    .parquet(new Path(store.versionDir(corpus), IngestRunner.DOCUMENTS_DIR).toString())
                    .select(col("doc_id"), col("text"));
            if (docs.isEmpty()) {
                throw new IllegalArgumentException("--corpus " + corpus + " has no documents; nothing to shard");
            }
            StagingArea staging = store.stage("shards", request.name());
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
                throw new IllegalArgumentException("--corpus " + corpus + " holds " + train.documentTokens()
                        + " training tokens, fewer than one window of --seq-len " + settings.seqLen() + " + 1");
            }
            Map<String, Object> metrics = metrics(stats, settings, tokenizerRef, tokenizerFile.sha256());
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("corpus", corpus.toString());
            config.put("tokenizer", tokenizerRef.toString());
            config.put("seq_len", settings.seqLen());
            config.put("val_fraction", settings.valFraction());
            config.put("row_group_mb", settings.rowGroupMb());
            config.put("windows_per_file", settings.windowsPerPartition());
            config.put("seed", context.seed());
            ArtifactRef ref = store.publish(staging,
                    new PublishRequest(context.commandLine(), config, List.of(corpus, tokenizerRef), metrics));
            stats.forEach((split, s) -> out.printf("%-5s %8d documents -> %8d sequences of %d+1 tokens (%d cut, %d tokens dropped)%n",
                    split, s.documents(), s.sequences(), settings.seqLen(), s.documentsCut(), s.droppedTokens()));
            out.printf("bytes per token: %.3f%n", metrics.get("bytes_per_token"));
            return ref;
        });
    }

    static Map<String, Object> metrics(Map<String, Sharder.SplitStats> stats, ShardSettings settings,
                                       ArtifactRef tokenizer, String tokenizerSha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", tokenizer.toString());
        m.put("tokenizer_sha256", tokenizerSha256);
        m.put("seq_len", settings.seqLen());
        long bytes = 0;
        long tokens = 0;
        long docs = 0;
        long cut = 0;
        long dropped = 0;
        for (var e : stats.entrySet()) {
            Sharder.SplitStats s = e.getValue();
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("documents", s.documents());
            split.put("sequences", s.sequences());
            split.put("tokens", s.tokens(settings.seqLen()));
            split.put("document_tokens", s.documentTokens());
            split.put("documents_cut", s.documentsCut());
            split.put("dropped_tokens", s.droppedTokens());
            m.put(e.getKey(), split);
            bytes += s.utf8Bytes();
            tokens += s.documentTokens() - s.documents();   // without the <|bos|> of each document
            docs += s.documents();
            cut += s.documentsCut();
            dropped += s.droppedTokens();
        }
        m.put("documents", docs);
        m.put("documents_cut", cut);
        m.put("dropped_tokens", dropped);
        m.put("bytes_per_token", tokens == 0 ? 0.0 : (double) bytes / tokens);
        return m;
    }
}
