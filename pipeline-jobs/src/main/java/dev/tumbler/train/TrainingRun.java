package dev.tumbler.train;

import dev.tumbler.config.ConfigResolver;
import dev.tumbler.report.MetricsRow;
import dev.tumbler.report.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The one training loop of every phase that trains a graph. A phase ({@link TrainingPhase}) supplies its graph, its
 * data and its validation metrics; the run does the rest: rounds of parameter averaging on Spark
 * ({@link SparkTrainer}), Adam with warmup and a cosine decay to a floor ({@link TrainConfig#schedule()}), gradient
 * clipping and weight decay, validation every {@code validate_every} rounds and after the last, the NaN stop,
 * checkpoints and {@code --resume}, a progress line with an ETA, and {@code metrics.csv} and {@code report.html}
 * in the run's own folder ({@link RunFolder}).
 *
 * <p>Resume: the newest run of the name continues from its newest checkpoint, after {@link RunIdentity} checked that
 * the checkpoint was made with the same model, tokenizer, data, seed and training settings (only
 * {@link RunIdentity#MAY_CHANGE} may differ). The graph is always built from the request and the checkpoint's
 * parameters and updater state are assigned into it, so a changed {@code steps} takes effect (the schedule is that of
 * a run started with the new count). The data position is part of the checkpoint, so a resumed run sees exactly the
 * minibatches an uninterrupted run sees.
 */
public final class TrainingRun {
    /** A finished run: the trained graph on the driver, where it stands, its last validation, and its folder. */
    public record Result(ComputationGraph graph, TrainState state, Map<String, Double> validation, RunFolder folder) {
    }

    private record Start(RunFolder folder, ComputationGraph graph, TrainState state) {
    }

    private final JavaSparkContext spark;
    private final Configuration hadoop;
    private final Path runs;
    private final String name;
    private final TrainConfig config;
    private final long seed;
    private final boolean resume;
    private final PrintStream out;

    /**
     * @param runs   the folder all runs live under ({@code <store>/_runs})
     * @param name   the run's name (the artifact name it will publish)
     * @param resume continue the newest run of {@code name} from its newest checkpoint
     */
    public TrainingRun(JavaSparkContext spark, Configuration hadoop, Path runs, String name, TrainConfig config,
                       long seed, boolean resume, PrintStream out) {
        this.spark = spark;
        this.hadoop = hadoop;
        this.runs = runs;
        this.name = name;
        this.config = config;
        this.seed = seed;
        this.resume = resume;
        this.out = out;
    }

    /** Trains {@code phase} to {@link TrainConfig#roundedSteps()} and returns the result. */
    public Result run(TrainingPhase phase) {
        RunIdentity wanted = RunIdentity.of(phase, config, seed);
        out.println("train: " + ConfigResolver.toMap(config).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        if (config.roundedSteps() != config.steps()) {
            out.printf("train.steps %d is not a multiple of a round (averaging_frequency %d): training %d steps%n",
                    config.steps(), config.averagingFrequency(), config.roundedSteps());
        }
        Start start = start(phase, new Path(new Path(runs, phase.name()), name), wanted);
        out.println("run folder: " + start.folder().dir());
        SparkTrainer trainer = new SparkTrainer(spark, start.graph(), config.settings(phase.seqLen(), seed),
                start.state(), new CheckpointPlan(start.folder().checkpoints(), hadoop, wanted.toJson()));
        List<String> columns = new ArrayList<>(List.of("tokens", "loss"));
        columns.addAll(phase.validationColumns());
        columns.addAll(List.of("lr", "tokens_per_second", "seconds"));
        RunReport report = new RunReport(start.folder().dir(), hadoop, phase.name() + " " + name, columns);
        RoundData data = phase.trainData();
        long roundsLeft = Math.max(0, config.rounds() - start.state().round());
        long started = System.nanoTime();
        Map<String, Double> last = Map.of();
        for (long r = 0; r < roundsLeft; r++) {
            boolean finalRound = r == roundsLeft - 1;
            long done = r + 1;
            Map<String, Double>[] validation = new Map[] {Map.of()};
            trainer.train(data, 1, p -> {
                if (finalRound || p.state().round() % config.validateEvery() == 0) {
                    validation[0] = phase.validate(trainer.sparkGraph());
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                progress(p, validation[0], elapsed / done * (roundsLeft - done));
                Map<String, Number> row = new LinkedHashMap<>();
                row.put("tokens", p.state().tokens());
                row.put("loss", p.loss());
                row.putAll(validation[0]);
                row.put("lr", p.learningRate());
                row.put("tokens_per_second", p.tokensPerSecond());
                row.put("seconds", elapsed);
                report.append(new MetricsRow(p.state().iteration(), row));
            });
            if (!validation[0].isEmpty()) {
                last = validation[0];
            }
        }
        if (last.isEmpty()) {
            last = phase.validate(trainer.sparkGraph());     // the checkpoint was already at the end
        }
        return new Result(trainer.graph(), trainer.state(), last, start.folder());
    }

    private void progress(RoundProgress p, Map<String, Double> validation, double etaSeconds) {
        StringBuilder line = new StringBuilder(String.format("step %6d  loss %.4f", p.state().iteration(), p.loss()));
        validation.forEach((k, v) -> line.append(String.format("  %s %.4f", k, v)));
        line.append(String.format("  lr %.2e  %,.0f tokens/s  eta %.0f s", p.learningRate(), p.tokensPerSecond(),
                etaSeconds));
        out.println(line);
    }

    private Start start(TrainingPhase phase, Path nameDir, RunIdentity wanted) {
        if (resume) {
            Optional<Path> runDir = RunFolder.newest(nameDir, hadoop);
            Optional<Path> latest = runDir.flatMap(d -> Checkpoint.latest(new RunFolder(d, hadoop).checkpoints(),
                    hadoop));
            if (latest.isPresent()) {
                RunIdentity.parse(Checkpoint.configJson(latest.get(), hadoop), latest.get().toString())
                        .requireResumableAs(wanted, latest.get().toString());   // before loading the network
                Checkpoint.Loaded loaded = Checkpoint.load(latest.get(), hadoop);
                ComputationGraph graph = freshGraph(phase);
                transplant(loaded.graph(), graph, latest.get());
                graph.getConfiguration().setIterationCount(Math.toIntExact(loaded.state().iteration()));
                out.printf("resuming from %s at step %d%n", latest.get(), loaded.state().iteration());
                return new Start(new RunFolder(runDir.get(), hadoop), graph, loaded.state());
            }
            out.println("--resume: no checkpoint of " + phase.name() + " run " + name
                    + runDir.map(d -> " in its newest run " + d).orElse(" under " + nameDir)
                    + "; starting a new run" + (RunFolder.hasEarlierLayout(nameDir, hadoop)
                    ? " (" + new Path(nameDir, "checkpoints") + " was written by an earlier release, which did not"
                    + " record the run's model, tokenizer and data, so it is not resumed)" : ""));
        }
        return new Start(RunFolder.next(nameDir, hadoop), freshGraph(phase), TrainState.start(seed));
    }

    private ComputationGraph freshGraph(TrainingPhase phase) {
        return phase.newGraph(new Adam(config.schedule()), config.weightDecay(), config.gradClip());
    }

    /** Assigns the parameters and updater state of a checkpoint's graph into a graph built for this request. */
    static void transplant(ComputationGraph from, ComputationGraph to, Path source) {
        INDArray fromState = from.getUpdater().getStateViewArray();
        INDArray toState = to.getUpdater().getStateViewArray();
        if (from.numParams() != to.numParams() || fromState.length() != toState.length()) {
            throw new IllegalArgumentException("--resume: checkpoint " + source + " has " + from.numParams()
                    + " parameters and " + fromState.length() + " updater values; this run's graph has "
                    + to.numParams() + " and " + toState.length());
        }
        to.setParams(from.params());
        toState.assign(fromState);
    }
}
