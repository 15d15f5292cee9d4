package dev.tumbler.jobs;

import dev.tumbler.config.ConfigResolver;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.transformer.ModelFiles;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.shard.ShardSource;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.LocalFiles;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import dev.tumbler.tokenize.TokenizerIO;
import dev.tumbler.train.PretrainPhase;
import dev.tumbler.train.RoundData;
import dev.tumbler.train.TrainConfig;
import dev.tumbler.train.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The pretraining phase: a decoder-only transformer trained on a {@code shards} artifact through the shared
 * {@link TrainingRun} (parameter averaging on the executors, checkpoints in the store), published as a {@code model}
 * artifact that names its tokenizer and shards. {@link #run} returns the ref it published.
 */
public final class PretrainJob {
    /**
     * Everything the CLI hands over. {@code trainPreset} may be null (the code defaults); the training flags arrive
     * as {@code train.*} entries of the global {@code --set}s, after the user's own.
     */
    public record Request(RunContext context, String shards, java.nio.file.Path modelPreset,
                          java.nio.file.Path trainPreset, String name, boolean resume) {
    }

    /** The code default of {@code model.*}; presets in conf/model override it. */
    public static final TransformerConfig DEFAULT = new TransformerConfig(32768, 128, 128, 2, 4, 4, 0.0, false,
            PositionEncoding.LEARNED, false);
    /** The configuration sections this job reads from presets and {@code --set}. */
    private static final List<String> SECTIONS = List.of("model", "train");

    private final Request request;
    private final PrintStream out;

    public PretrainJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Trains the model and returns the ref of the model artifact it published. */
    public ArtifactRef run() {
        List<String> sets = request.context().sets();
        require(Files.isRegularFile(request.modelPreset()), "--model: file not found: " + request.modelPreset());
        ArtifactRef.requireSegment("name", request.name());
        TransformerConfig preset = ConfigResolver.resolve("model", DEFAULT, TransformerConfig.class,
                request.modelPreset(), ConfigResolver.sectionSets(sets, "model", SECTIONS));
        TrainConfig train = ConfigResolver.resolve("train", TrainConfig.PRETRAIN, TrainConfig.class,
                request.trainPreset(), ConfigResolver.sectionSets(sets, "train", SECTIONS));

        Configuration hadoop = HadoopConfs.fromSystemProperties();
        ArtifactStore store = request.context().openStore(hadoop);
        ArtifactRef shards = store.resolve(request.shards(), "shards", "--shards");
        Map<String, Object> shardMetrics = store.verifiedManifest(shards).metrics();
        ArtifactRef tokenizerRef = ArtifactRef.parse(String.valueOf(shardMetrics.get("tokenizer")));
        String tokenizerSha = ShardSource.tokenizerSha256(store, tokenizerRef);
        Tokenizer tokenizer = loadTokenizer(store, tokenizerRef);
        int seqLen = ((Number) shardMetrics.get("seq_len")).intValue();
        double bytesPerToken = ((Number) shardMetrics.get("bytes_per_token")).doubleValue();
        if (ConfigResolver.mentions("model", "seq_len", request.modelPreset(),
                ConfigResolver.sectionSets(sets, "model", SECTIONS)) && preset.seqLen() != seqLen) {
            throw new IllegalArgumentException("model.seq_len " + preset.seqLen() + " (" + request.modelPreset()
                    + ") conflicts with the shards' seq_len " + seqLen + " (" + shards + "): remove model.seq_len"
                    + " to take the shards', or shard again with --seq-len " + preset.seqLen());
        }
        TransformerConfig config = preset.with(tokenizer.vocabSize(), seqLen, preset.dropout());
        out.printf("model: %d layers, d_model %d, %d heads, seq_len %d (from the shards), vocab %d (from %s); "
                        + "%,d parameters%n", config.nLayers(), config.dModel(), config.nHeads(), seqLen,
                config.vocabSize(), tokenizerRef, config.parameterCount());

        return SparkSessions.with("tumbler pretrain", request.context().master(), spark -> {
            ShardSource source = ShardSource.open(store, shards, tokenizerRef, tokenizerSha);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            RoundData data = RoundData.of(source.batches(spark, "train", train.batchPerWorker(), true).cache());
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("tokenizer", tokenizerRef.toString());
            identity.put("tokenizer_sha256", tokenizerSha);
            identity.put("shards", shards.toString());
            PretrainPhase phase = new PretrainPhase(config, request.context().seed(), identity, data,
                    () -> source.batches(spark, "val", train.batchPerWorker(), false), train.batchPerWorker(),
                    bytesPerToken);
            Path runs = new Path(store.uri().toString(), "_runs");
            TrainingRun.Result result = new TrainingRun(jsc, hadoop, runs, request.name(), train,
                    request.context().seed(), request.resume(), out).run(phase);
            return publish(store, result, config, train, shards, tokenizerRef, tokenizerSha);
        });
    }

    private ArtifactRef publish(ArtifactStore store, TrainingRun.Result result, TransformerConfig config, TrainConfig train,
                        ArtifactRef shards, ArtifactRef tokenizerRef, String tokenizerSha) {
        StagingArea staging = store.stage("model", request.name());
        try {
            java.nio.file.Path local = Files.createTempDirectory("tumbler-model");
            ModelFiles.save(result.graph(), config, local);
            FileSystem fs = staging.dir().getFileSystem(store.hadoopConf());
            fs.mkdirs(staging.dir());
            try (var files = Files.list(local)) {
                for (java.nio.file.Path f : files.toList()) {
                    fs.copyFromLocalFile(true, new Path(f.toUri()), new Path(staging.dir(), f.getFileName().toString()));
                }
            } finally {
                LocalFiles.deleteRecursively(local);
            }
            for (String name : List.of("metrics.csv", "report.html")) {
                Path src = new Path(result.folder().dir(), name);
                if (fs.exists(src)) {
                    org.apache.hadoop.fs.FileUtil.copy(fs, src, fs, new Path(staging.dir(), name), false, store.hadoopConf());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the model", e);
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("steps", result.state().iteration());
        metrics.put("tokens", result.state().tokens());
        metrics.put("parameters", config.parameterCount());
        metrics.put("tokenizer", tokenizerRef.toString());
        metrics.put("tokenizer_sha256", tokenizerSha);
        Double valLoss = result.validation().get("val_loss");
        if (valLoss != null) {
            metrics.put("val_loss", valLoss);
            metrics.put("val_bits_per_byte", result.validation().get("bpb"));
        }
        Map<String, Object> resolved = new LinkedHashMap<>(ConfigResolver.toMap(config));
        resolved.put("train", ConfigResolver.toMap(train));
        resolved.put("seed", request.context().seed());
        resolved.put("run", result.folder().dir().toString());
        return store.publish(staging, new PublishRequest(request.context().commandLine(), resolved,
                List.of(shards, tokenizerRef), metrics));
    }

    private static Tokenizer loadTokenizer(ArtifactStore store, ArtifactRef ref) {
        try {
            return TokenizerIO.fromStore(store, ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + ref, e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
