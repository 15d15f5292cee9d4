package dev.tumbler.jobs;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.artifacts.ModelArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.config.ConfigResolver;
import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.model.generate.TransformerWeights;
import dev.tumbler.model.transformer.HeadKind;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import dev.tumbler.sft.PackedRowBatches;
import dev.tumbler.sft.PackedSftRow;
import dev.tumbler.sft.SftEval;
import dev.tumbler.sft.SftPacker;
import dev.tumbler.shard.ShardRounds;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.train.SftPhase;
import dev.tumbler.train.TrainConfig;
import dev.tumbler.train.TrainingRun;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Supervised fine-tuning: a base {@code model} trained further on a {@code conversations} artifact through the
 * shared {@link TrainingRun}. The conversations are rendered, fitted to {@code seq_len + 1} and packed on the
 * executors ({@link SftPacker}) into Parquet under {@code _runs/sft-packed/NAME/}, streamed in rounds
 * ({@link ShardRounds} with {@link PackedRowBatches}), and the result is published, unpacked, as {@code model/NAME}
 * naming the base, the data and the tokenizer. {@link #run} returns the ref it published.
 *
 * <p>Unless {@code --eval-prompts} is 0, the base and the fine-tuned model are then evaluated ({@link SftEval}) on the
 * same held-out prompts, the first {@code --eval-prompts} rows of the {@code val} split by id, on the driver (a few
 * hundred short greedy generations); the side-by-side table is printed and both reports are stored as the manifest's
 * {@code eval: {prompts, base, sft}}.
 */
public final class SftJob {
    /**
     * Everything the CLI hands over. {@code trainPreset} may be null (the code defaults); the training flags arrive
     * as {@code train.*} entries of the context's {@code --set}s, after the user's own.
     */
    public record Request(RunContext context, String base, String data, java.nio.file.Path trainPreset, String name,
                          boolean resume, int evalPrompts, int evalMaxTokens) {
        /** Validates the evaluation settings. */
        public Request {
            if (evalPrompts < 0) {
                throw new IllegalArgumentException("--eval-prompts must be >= 0 (0 = no evaluation), got "
                        + evalPrompts);
            }
            if (evalMaxTokens < 1) {
                throw new IllegalArgumentException("--eval-max-tokens must be >= 1, got " + evalMaxTokens);
            }
        }
    }

    private static final List<String> SECTIONS = List.of("train");

    private final Request request;
    private final PrintStream out;

    public SftJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Fine-tunes the base model and returns the ref of the model artifact it published. */
    public ArtifactRef run() {
        ArtifactRef.requireSegment("name", request.name());
        TrainConfig train = ConfigResolver.resolve("train", TrainConfig.SFT, TrainConfig.class,
                request.trainPreset(), ConfigResolver.sectionSets(request.context().sets(), "train", SECTIONS));
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        ArtifactStore store = request.context().openStore(hadoop);
        ModelArtifact.WithTokenizer base = ModelArtifact.loadWithTokenizer(store, request.base(), "--base");
        TransformerConfig config = base.model().config();
        if (config.head() != HeadKind.LM) {
            throw new IllegalArgumentException("--base " + base.ref() + " has a " + config.head()
                    + " head; supervised fine-tuning needs a language model");
        }
        ModelArtifact facts = ModelArtifact.read(store, base.ref());
        if (!ChatTemplate.supports(base.tokenizer())) {
            throw new IllegalArgumentException("--base " + base.ref() + ": its tokenizer " + facts.tokenizer()
                    + " lacks the chat special tokens, so conversations cannot be rendered for it");
        }
        TokenizerArtifact tokenizer = TokenizerArtifact.read(store, store.resolve(facts.tokenizer()));
        ConversationsArtifact data = ConversationsArtifact.read(store, request.data(), "--data");
        int seqLen = config.seqLen();
        out.printf("base: %s (%d layers, d_model %d, seq_len %d, %,d parameters); data: %s (%,d conversations)%n",
                base.ref(), config.nLayers(), config.dModel(), seqLen, config.parameterCount(), data.ref(),
                data.conversations());

        return SparkSessions.with("tumbler sft", request.context().master(), spark -> {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Path runs = new Path(store.uri().toString(), "_runs");
            Path packed = new Path(new Path(runs, "sft-packed"), request.name());
            String json = tokenizer.json(store);
            Map<String, Object> fits = new LinkedHashMap<>();
            for (String split : List.of("train", "val")) {
                SftPacker.Counts c = SftPacker.pack(spark, data, split, json, seqLen,
                        new Path(packed, split).toString());
                out.printf("%s: %,d conversations: %s; %,d packed rows of %d tokens, %,d supervised tokens%n", split,
                        c.conversations(), c.byOutcome(), c.rows(), seqLen + 1, c.supervisedTokens());
                if (c.rows() == 0) {
                    throw new IllegalArgumentException("--data " + data.ref() + ": no conversation of split " + split
                            + " fits seq_len + 1 = " + (seqLen + 1) + " tokens of " + base.ref() + " " + c.byOutcome());
                }
                fits.put(split, c.toMap());
            }
            int batch = train.batchPerWorker();
            Supplier<JavaRDD<MultiDataSet>> val = () -> valBatches(spark, new Path(packed, "val").toString(), batch,
                    seqLen);
            ShardRounds rounds = ShardRounds.open(spark, new Path(packed, "train").toString(), batch,
                    new PackedRowBatches(seqLen));
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("base", base.ref().toString());
            identity.put("data", data.ref().toString());
            identity.put("tokenizer", tokenizer.ref().toString());
            identity.put("tokenizer_sha256", tokenizer.sha256());
            SftPhase phase = new SftPhase(config, base.model().graph(), identity, rounds, val, batch,
                    SftPhase.weightSum(val.get()));
            ComputationGraph basePacked = phase.newGraph(new Adam(train.lr()), 0.0, 0.0);
            double baseValLoss = phase.valLoss(jsc, basePacked);
            out.printf("base val_loss %.4f (per supervised token, before training)%n", baseValLoss);
            TrainingRun.Result result = new TrainingRun(jsc, hadoop, runs, request.name(), train,
                    request.context().seed(), request.resume(), out).run(phase);
            Double valLoss = result.validation().get("val_loss");
            out.printf("val_loss %.4f after %d steps (base %.4f)%n", valLoss, result.state().iteration(),
                    baseValLoss);
            ComputationGraph unpacked = TransformerGraph.buildWithParamsOf(result.graph(), config,
                    new Adam(train.lr()), train.weightDecay(), train.gradClip());
            Map<String, Object> eval = evaluate(spark, data, base, unpacked);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("steps", result.state().iteration());
            metrics.put("tokens", result.state().tokens());
            metrics.put("base", base.ref().toString());
            metrics.put("data", data.ref().toString());
            metrics.put("base_val_loss", baseValLoss);
            metrics.put("val_loss", valLoss);
            metrics.put("fit", fits);
            if (eval != null) {
                metrics.put("eval", eval);
            }
            Map<String, Object> resolved = new LinkedHashMap<>(ConfigResolver.toMap(config));
            resolved.put("train", ConfigResolver.toMap(train));
            resolved.put("seed", request.context().seed());
            resolved.put("run", result.folder().dir().toString());
            resolved.put("packed", packed.toString());
            return ModelArtifact.publish(store, request.name(), unpacked, config, tokenizer.ref(),
                    tokenizer.sha256(), List.of(base.ref(), data.ref(), tokenizer.ref()), metrics, resolved,
                    request.context().commandLine(), result.folder().dir());
        });
    }

    /** Base and SFT model on the same held-out prompts, printed; their reports, or null when turned off. */
    private Map<String, Object> evaluate(SparkSession spark, ConversationsArtifact data,
                                         ModelArtifact.WithTokenizer base, ComputationGraph sft) {
        if (request.evalPrompts() == 0) {
            out.println("eval: off (--eval-prompts 0)");
            return null;
        }
        List<SftEval.Prompt> prompts = new ArrayList<>();
        for (Row r : data.rows(spark, "val").select(ConversationsArtifact.ID, ConversationsArtifact.SOURCE,
                ConversationsArtifact.MESSAGES_JSON).orderBy(ConversationsArtifact.ID).limit(request.evalPrompts())
                .collectAsList()) {
            prompts.add(new SftEval.Prompt(r.getString(1), ConversationsArtifact.conversation(r)));
        }
        TransformerConfig config = base.model().config();
        SftEval.Report before = new SftEval(TransformerWeights.from(base.model().graph(), config), base.tokenizer(),
                request.evalMaxTokens()).run(prompts);
        SftEval.Report after = new SftEval(TransformerWeights.from(sft, config), base.tokenizer(),
                request.evalMaxTokens()).run(prompts);
        SftEvalTable.print(out, prompts.size(), before, after);
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("prompts", prompts.size());
        eval.put("base", before.toMap());
        eval.put("sft", after.toMap());
        return eval;
    }

    /** Every validation row, in minibatches of up to {@code minibatch}, built on the executors. */
    private static JavaRDD<MultiDataSet> valBatches(SparkSession spark, String dir, int minibatch, int seqLen) {
        return spark.read().parquet(dir).select(PackedSftRow.IDS, PackedSftRow.WEIGHTS, PackedSftRow.POSITIONS)
                .javaRDD().mapPartitions((FlatMapFunction<java.util.Iterator<Row>, MultiDataSet>) rows ->
                        PackedRowBatches.of(rows, minibatch, seqLen, r -> PackedSftRow.decode((byte[]) r.get(0),
                                (byte[]) r.get(1), (byte[]) r.get(2))));
    }
}
