package dev.tumbler.cli;

import dev.tumbler.jobs.PretrainJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tumbler pretrain}: token shards in, a trained decoder-only transformer out. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Pre-train a decoder-only transformer (DL4J) on token shards by parameter averaging on the",
                "Spark executors; checkpoints into the store; publishes model/NAME/vN.",
                "Training settings: code defaults, then --train FILE, then --set train.KEY=VALUE, then the flags.",
                "Example: ./tumbler pretrain --shards shards/samples --model conf/model/tiny.yaml --steps 200 --name tiny"})
public final class PretrainCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--shards", required = true, paramLabel = "REF", description = "Shards artifact, e.g. shards/web.")
    String shards;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model preset, e.g. conf/model/tiny.yaml.")
    Path model;

    @Option(names = "--train", paramLabel = "FILE",
            description = "Training preset (a train: section), e.g. conf/train/pretrain.yaml. (default: the defaults "
                    + "in code, which conf/train/pretrain.yaml repeats)")
    Path train;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Publish as model/NAME/vN.")
    String name;

    @Option(names = "--steps", description = "Optimizer steps per worker, rounded up to whole rounds; train.steps. "
            + "(default: 200)")
    Integer steps;

    @Option(names = "--workers", description = "Parameter-averaging workers; train.workers. (default: 2)")
    Integer workers;

    @Option(names = "--batch-per-worker",
            description = "Sequences per minibatch per worker; train.batch_per_worker. (default: 8)")
    Integer batchPerWorker;

    @Option(names = "--averaging-frequency", description = "Minibatches each worker trains between parameter "
            + "averages (one round); train.averaging_frequency. (default: 8)")
    Integer averagingFrequency;

    @Option(names = "--lr", description = "Peak learning rate (Adam); train.lr. (default: 3e-4)")
    Double lr;

    @Option(names = "--warmup", description = "Linear warmup steps before the cosine decay; train.warmup. (default: 20)")
    Integer warmup;

    @Option(names = "--checkpoint-every",
            description = "Checkpoint every N rounds; 0 disables; train.checkpoint_every. (default: 5)")
    Integer checkpointEvery;

    @Option(names = "--validate-every", description = "Validation loss and bits per byte every N rounds (and at the "
            + "end); train.validate_every. (default: 5)")
    Integer validateEvery;

    @Option(names = "--resume", description = "Continue the newest run of this name from its newest checkpoint; a "
            + "checkpoint of another model, tokenizer, data or training setting is refused. (default: false)")
    boolean resume;

    @Override
    public Integer call() {
        global.sets.addAll(trainSets());
        PretrainJob.Request request = new PretrainJob.Request(global.context(Invocation.commandLine(spec)), shards,
                model, train, name, resume);
        System.out.println("artifact: " + new PretrainJob(request, System.out).run());
        return 0;
    }

    /** The flags given, as {@code train.*} overrides applied after the user's {@code --set}s. */
    private List<String> trainSets() {
        List<String> sets = new ArrayList<>();
        add(sets, "steps", steps);
        add(sets, "workers", workers);
        add(sets, "batch_per_worker", batchPerWorker);
        add(sets, "averaging_frequency", averagingFrequency);
        add(sets, "lr", lr);
        add(sets, "warmup", warmup);
        add(sets, "checkpoint_every", checkpointEvery);
        add(sets, "validate_every", validateEvery);
        return sets;
    }

    private static void add(List<String> sets, String key, Number value) {
        if (value != null) {
            sets.add("train." + key + "=" + value);
        }
    }
}
