package dev.tumbler.jobs;

import static org.apache.spark.sql.functions.col;

import dev.tumbler.artifacts.CorpusArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.model.tokenizer.BpeTrainer;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.tokenize.BytesPerToken;
import dev.tumbler.tokenize.ChunkCounts;
import dev.tumbler.tokenize.TokenizerIO;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tokenizer phase: counts pre-token chunks of a corpus artifact on the executors, learns BPE
 * merges on the driver ({@link BpeTrainer}), and publishes a {@code tokenizer} artifact holding an
 * HF-compatible {@code tokenizer.json}. The manifest records the corpus's bytes per token, which
 * bits-per-byte needs later. {@link #run} returns the ref it published.
 */
public final class TokenizerTrainJob {
    /** Everything the CLI hands over. */
    public record Request(RunContext context, String corpus, int vocabSize, String name, String pattern,
                          long maxChars, long minFrequency) {
    }

    private final Request request;
    private final PrintStream out;

    public TokenizerTrainJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Trains the tokenizer and returns the ref of the tokenizer artifact it published. */
    public ArtifactRef run() {
        RunContext context = request.context();
        int specials = SpecialTokens.ALL.size();
        int minVocab = 256 + specials + 1;
        if (request.vocabSize() < minVocab) {
            throw new IllegalArgumentException("--vocab-size must be >= " + minVocab
                    + " (256 byte tokens + " + specials + " special tokens + at least one merge), got " + request.vocabSize());
        }
        if (request.minFrequency() < 1) {
            throw new IllegalArgumentException("--min-frequency must be >= 1, got " + request.minFrequency());
        }
        if (request.maxChars() < 0) {
            throw new IllegalArgumentException("--max-chars must be >= 0 (0 = all), got " + request.maxChars());
        }
        SplitPattern pattern = TokenizerIO.parsePattern(request.pattern(), "--pattern");
        ArtifactRef.requireSegment("name", request.name());
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        ArtifactStore store = context.openStore(hadoop);
        CorpusArtifact corpus = CorpusArtifact.read(store, request.corpus(), "--corpus");
        long corpusChars = corpus.chars();

        return SparkSessions.with("tumbler tokenizer train", context.master(), spark -> {
            Dataset<Row> docs = spark.read().parquet(corpus.documentsUri()).select(col("text"));
            if (request.maxChars() > 0 && corpusChars > request.maxChars()) {
                docs = docs.sample(false, (double) request.maxChars() / corpusChars, context.seed());
            }
            long t0 = System.nanoTime();
            Map<String, Long> counts = ChunkCounts.count(docs, pattern, request.minFrequency());
            double countSeconds = (System.nanoTime() - t0) / 1e9;
            if (counts.isEmpty()) {
                throw new IllegalArgumentException("--corpus " + corpus.ref() + ": no pre-token chunk occurs "
                        + request.minFrequency() + " times or more; nothing to train on");
            }
            out.printf("counted %d distinct chunks (min frequency %d) in %.1f s%n", counts.size(),
                    request.minFrequency(), countSeconds);
            int merges = request.vocabSize() - 256 - specials;
            t0 = System.nanoTime();
            BpeTrainer.Result result = BpeTrainer.train(counts, new BpeTrainer.Options(merges, 2));
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            Tokenizer tokenizer = Tokenizer.fromMerges(result.merges(), pattern, SpecialTokens.ALL);
            out.printf("learned %d merges in %.1f s%s; vocabulary %d%n", result.merges().size(), trainSeconds,
                    result.stoppedEarly() ? " (stopped early: no pair occurs twice more)" : "", tokenizer.vocabSize());
            String json = TokenizerJson.toJson(tokenizer);
            BytesPerToken.Measure bpt = BytesPerToken.measure(docs, json);
            out.printf("bytes per token on the training text: %.3f (%d bytes, %d tokens)%n",
                    bpt.bytesPerToken(), bpt.bytes(), bpt.tokens());

            Map<String, Object> config = new LinkedHashMap<>();
            config.put("corpus", corpus.ref().toString());
            config.put("vocab_size", request.vocabSize());
            config.put("pattern", pattern.name());
            config.put("max_chars", request.maxChars());
            config.put("min_frequency", request.minFrequency());
            config.put("seed", context.seed());
            config.put("special_tokens", SpecialTokens.ALL);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("vocab_size", tokenizer.vocabSize());
            metrics.put("merges", result.merges().size());
            metrics.put("stopped_early", result.stoppedEarly());
            metrics.put("distinct_chunks", result.distinctChunks());
            metrics.put("chunk_occurrences", result.totalChunkCount());
            metrics.put("count_seconds", countSeconds);
            metrics.put("train_seconds", trainSeconds);
            metrics.put("bytes_per_token", bpt.bytesPerToken());
            metrics.put("measured_bytes", bpt.bytes());
            metrics.put("measured_tokens", bpt.tokens());
            metrics.put("special_token_ids", tokenizer.specialTokens());
            return TokenizerArtifact.publish(store, request.name(), tokenizer, json,
                    new PublishRequest(context.commandLine(), config, List.of(corpus.ref()), metrics));
        });
    }
}
