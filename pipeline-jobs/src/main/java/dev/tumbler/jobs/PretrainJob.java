package dev.tumbler.jobs;

import dev.tumbler.artifacts.ModelArtifact;
import dev.tumbler.artifacts.ShardsArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.config.ConfigResolver;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import dev.tumbler.shard.ShardSource;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.train.Checkpoint;
import dev.tumbler.train.CheckpointPlan;
import dev.tumbler.train.LrSchedule;
import dev.tumbler.train.MetricsRow;
import dev.tumbler.train.RoundData;
import dev.tumbler.train.RunReport;
import dev.tumbler.train.SparkTrainer;
import dev.tumbler.train.TrainSettings;
import dev.tumbler.train.TrainState;
import dev.tumbler.train.ValidationEval;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The pretraining phase: a decoder-only transformer ({@link TransformerGraph}) trained on a
 * {@code shards} artifact by parameter averaging on the Spark executors ({@link SparkTrainer}),
 * checkpointed into the store, and published as a {@code model} artifact that names its tokenizer.
 * {@link #run} returns the ref it published.
 */
public final class PretrainJob {
    /** Everything the CLI hands over. */
    public record Request(RunContext context, String shards, java.nio.file.Path modelPreset, String name, int steps,
                          int workers, int batchPerWorker, int averagingFrequency, double lr, int warmup,
                          int checkpointEvery, int validateEvery, boolean resume) {
    }

    /** The code default of {@code model.*}; presets in conf/model override it. */
    public static final TransformerConfig DEFAULT = new TransformerConfig(32768, 128, 128, 2, 4, 4, 0.0, false,
            PositionEncoding.LEARNED, false);

    private final Request request;
    private final PrintStream out;

    public PretrainJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Trains the model and returns the ref of the model artifact it published. */
    public ArtifactRef run() {
        validate();
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        ArtifactStore store = request.context().openStore(hadoop);
        ShardsArtifact shards = ShardsArtifact.read(store, request.shards(), "--shards");
        TokenizerArtifact tokenizerArtifact = TokenizerArtifact.read(store, shards.tokenizer());
        ArtifactRef tokenizerRef = tokenizerArtifact.ref();
        String tokenizerSha = tokenizerArtifact.sha256();
        Tokenizer tokenizer = tokenizerArtifact.load(store);
        int seqLen = shards.seqLen();
        double bytesPerToken = shards.bytesPerToken();
        TransformerConfig preset = ConfigResolver.resolve("model", DEFAULT, TransformerConfig.class,
                request.modelPreset(), request.context().sets());
        TransformerConfig config = preset.with(tokenizer.vocabSize(), seqLen, preset.dropout());
        out.printf("model: %d layers, d_model %d, %d heads, seq_len %d (from the shards), vocab %d (from %s); %,d parameters%n",
                config.nLayers(), config.dModel(), config.nHeads(), seqLen, config.vocabSize(), tokenizerRef,
                config.parameterCount());

        Path runDir = new Path(new Path(new Path(store.uri().toString(), "_runs"), "pretrain"), request.name());
        Path checkpointDir = new Path(runDir, "checkpoints");
        String runConfig = json(ConfigResolver.toMap(config));
        return SparkSessions.with("tumbler pretrain", request.context().master(), spark -> {
            ShardSource source = ShardSource.open(shards, tokenizerArtifact);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            RoundData train = RoundData.of(source.batches(spark, "train", request.batchPerWorker(), true).cache());
            TrainSettings settings = new TrainSettings(request.workers(), request.averagingFrequency(),
                    request.batchPerWorker(), seqLen, request.checkpointEvery(), request.context().seed());
            ComputationGraph graph;
            TrainState state;
            var latest = request.resume() ? Checkpoint.latest(checkpointDir, hadoop) : java.util.Optional.<Path>empty();
            if (latest.isPresent()) {
                Checkpoint.Loaded loaded = Checkpoint.load(latest.get(), hadoop);
                graph = loaded.graph();
                state = loaded.state();
                out.printf("resuming from %s at step %d%n", latest.get(), state.iteration());
            } else {
                if (request.resume()) {
                    out.println("--resume: no checkpoint under " + checkpointDir + "; starting fresh");
                }
                Adam adam = new Adam(new LrSchedule(request.lr(), request.lr() / 10, request.warmup(),
                        Math.max(request.warmup() + 1, request.steps())));
                graph = TransformerGraph.build(config, request.context().seed(), adam, 1.0);
                state = TrainState.start(request.context().seed());
            }
            SparkTrainer trainer = new SparkTrainer(jsc, graph, settings, state,
                    new CheckpointPlan(checkpointDir, hadoop, runConfig));
            RunReport report = new RunReport(runDir, hadoop, "pretrain " + request.name());
            long started = System.nanoTime();
            int roundsLeft = (int) Math.max(0, (request.steps() - state.iteration() + request.averagingFrequency() - 1)
                    / request.averagingFrequency());
            ValidationEval.Result lastVal = null;
            for (int r = 0; r < roundsLeft; r++) {
                final int round = r;
                ValidationEval.Result[] val = new ValidationEval.Result[1];
                trainer.train(train, 1, p -> {
                    boolean validate = (round + 1) % request.validateEvery() == 0 || round == roundsLeft - 1;
                    if (validate) {
                        val[0] = ValidationEval.evaluate(trainer.sparkGraph(),
                                source.batches(spark, "val", request.batchPerWorker(), false), seqLen,
                                request.batchPerWorker(), bytesPerToken);
                    }
                    out.printf("step %6d  loss %.4f%s  lr %.2e  %,.0f tokens/s  eta %.0f s%n",
                            p.state().iteration(), p.loss(),
                            val[0] == null ? "" : String.format("  val %.4f  bpb %.4f", val[0].natsPerToken(), val[0].bitsPerByte()),
                            p.learningRate(), p.tokensPerSecond(), p.roundSeconds() * (roundsLeft - round - 1));
                    report.append(new MetricsRow(p.state().iteration(), p.state().tokens(), p.loss(),
                            val[0] == null ? Double.NaN : val[0].natsPerToken(),
                            val[0] == null ? Double.NaN : val[0].bitsPerByte(), p.learningRate(), p.tokensPerSecond(),
                            (System.nanoTime() - started) / 1e9));
                });
                if (val[0] != null) {
                    lastVal = val[0];
                }
            }
            return publish(store, trainer, config, shards.ref(), tokenizerRef, tokenizerSha, runDir, lastVal);
        });
    }

    private ArtifactRef publish(ArtifactStore store, SparkTrainer trainer, TransformerConfig config, ArtifactRef shards,
                                ArtifactRef tokenizerRef, String tokenizerSha, Path runDir, ValidationEval.Result val) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("steps", trainer.state().iteration());
        metrics.put("tokens", trainer.state().tokens());
        if (val != null) {
            metrics.put("val_loss", val.natsPerToken());
            metrics.put("val_bits_per_byte", val.bitsPerByte());
        }
        Map<String, Object> resolved = new LinkedHashMap<>(ConfigResolver.toMap(config));
        resolved.put("steps", request.steps());
        resolved.put("workers", request.workers());
        resolved.put("batch_per_worker", request.batchPerWorker());
        resolved.put("averaging_frequency", request.averagingFrequency());
        resolved.put("lr", request.lr());
        resolved.put("warmup", request.warmup());
        resolved.put("seed", request.context().seed());
        return ModelArtifact.publish(store, request.name(), trainer.graph(), config, tokenizerRef, tokenizerSha,
                List.of(shards, tokenizerRef), metrics, resolved, request.context().commandLine(), runDir);
    }

    private void validate() {
        Request r = request;
        require(r.steps() >= 1, "--steps must be >= 1, got " + r.steps());
        require(r.workers() >= 1, "--workers must be >= 1, got " + r.workers());
        require(r.batchPerWorker() >= 1, "--batch-per-worker must be >= 1, got " + r.batchPerWorker());
        require(r.averagingFrequency() >= 1, "--averaging-frequency must be >= 1, got " + r.averagingFrequency());
        require(r.lr() > 0 && r.lr() < 1, "--lr must be in (0, 1), got " + r.lr());
        require(r.warmup() >= 0, "--warmup must be >= 0, got " + r.warmup());
        require(r.checkpointEvery() >= 0, "--checkpoint-every must be >= 0, got " + r.checkpointEvery());
        require(r.validateEvery() >= 1, "--validate-every must be >= 1, got " + r.validateEvery());
        require(Files.isRegularFile(r.modelPreset()), "--model: file not found: " + r.modelPreset());
        ArtifactRef.requireSegment("name", r.name());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String json(Map<String, Object> map) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
