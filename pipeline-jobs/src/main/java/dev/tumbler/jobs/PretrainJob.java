package dev.tumbler.jobs;

import dev.tumbler.artifacts.ModelArtifact;
import dev.tumbler.artifacts.ShardsArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.config.ConfigResolver;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.transformer.HeadKind;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.shard.ShardSource;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.train.PretrainPhase;
import dev.tumbler.train.RoundData;
import dev.tumbler.train.TrainConfig;
import dev.tumbler.train.TrainingRun;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
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
     * as {@code train.*} entries of the context's {@code --set}s, after the user's own.
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
        require(Files.isRegularFile(request.modelPreset()), "--model: file not found: " + request.modelPreset());
        ArtifactRef.requireSegment("name", request.name());
        List<String> modelSets = ConfigResolver.sectionSets(request.context().sets(), "model", SECTIONS);
        TransformerConfig preset = ConfigResolver.resolve("model", DEFAULT, TransformerConfig.class,
                request.modelPreset(), modelSets);
        TrainConfig train = ConfigResolver.resolve("train", TrainConfig.PRETRAIN, TrainConfig.class,
                request.trainPreset(), ConfigResolver.sectionSets(request.context().sets(), "train", SECTIONS));

        if (preset.head() != HeadKind.LM) {
            throw new IllegalArgumentException("model.head " + preset.head() + ": pretraining trains the LM head;"
                    + " a scalar head is trained by the reward-model phase");
        }
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        ArtifactStore store = request.context().openStore(hadoop);
        ShardsArtifact shards = ShardsArtifact.read(store, request.shards(), "--shards");
        TokenizerArtifact tokenizer = TokenizerArtifact.read(store, shards.tokenizer());
        Tokenizer loaded = tokenizer.load(store);
        int seqLen = shards.seqLen();
        if (ConfigResolver.mentions("model", "seq_len", request.modelPreset(), modelSets)
                && preset.seqLen() != seqLen) {
            String origin = ConfigResolver.mentions("model", "seq_len", null, modelSets)
                    ? "--set model.seq_len" : "--model " + request.modelPreset();
            throw new IllegalArgumentException("model.seq_len " + preset.seqLen() + " (" + origin + ") conflicts with the shards' seq_len " + seqLen + " (" + shards.ref() + "): remove"
                    + " model.seq_len to take the shards', or shard again with --seq-len " + preset.seqLen());
        }
        TransformerConfig config = preset.with(loaded.vocabSize(), seqLen, preset.dropout());
        out.printf("model: %d layers, d_model %d, %d heads, seq_len %d (from the shards), vocab %d (from %s); "
                        + "%,d parameters%n", config.nLayers(), config.dModel(), config.nHeads(), seqLen,
                config.vocabSize(), tokenizer.ref(), config.parameterCount());

        return SparkSessions.with("tumbler pretrain", request.context().master(), spark -> {
            ShardSource source = ShardSource.open(shards, tokenizer);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            RoundData data = source.rounds(spark, "train", train.batchPerWorker());
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("tokenizer", tokenizer.ref().toString());
            identity.put("tokenizer_sha256", tokenizer.sha256());
            identity.put("shards", shards.ref().toString());
            PretrainPhase phase = new PretrainPhase(config, request.context().seed(), identity, data,
                    () -> source.batches(spark, "val", train.batchPerWorker(), false), train.batchPerWorker(),
                    shards.bytesPerToken());
            Path runs = new Path(store.uri().toString(), "_runs");
            TrainingRun.Result result = new TrainingRun(jsc, hadoop, runs, request.name(), train,
                    request.context().seed(), request.resume(), out).run(phase);
            return publish(store, result, config, train, shards.ref(), tokenizer);
        });
    }

    private ArtifactRef publish(ArtifactStore store, TrainingRun.Result result, TransformerConfig config,
                                TrainConfig train, ArtifactRef shards, TokenizerArtifact tokenizer) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("steps", result.state().iteration());
        metrics.put("tokens", result.state().tokens());
        Double valLoss = result.validation().get("val_loss");
        if (valLoss != null) {
            metrics.put("val_loss", valLoss);
            metrics.put("val_bits_per_byte", result.validation().get("bpb"));
        }
        Map<String, Object> resolved = new LinkedHashMap<>(ConfigResolver.toMap(config));
        resolved.put("train", ConfigResolver.toMap(train));
        resolved.put("seed", request.context().seed());
        resolved.put("run", result.folder().dir().toString());
        return ModelArtifact.publish(store, request.name(), result.graph(), config, tokenizer.ref(),
                tokenizer.sha256(), List.of(shards, tokenizer.ref()), metrics, resolved,
                request.context().commandLine(), result.folder().dir());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
