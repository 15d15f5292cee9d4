package dev.tumbler.cli;

import dev.tumbler.jobs.PretrainJob;
import java.nio.file.Path;
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

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Publish as model/NAME/vN.")
    String name;

    @Option(names = "--steps", defaultValue = "200", description = "Optimizer steps (per worker). (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--workers", defaultValue = "2", description = "Parameter-averaging workers. (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--batch-per-worker", defaultValue = "8", description = "Sequences per minibatch per worker. (default: ${DEFAULT-VALUE})")
    int batchPerWorker;

    @Option(names = "--averaging-frequency", defaultValue = "8",
            description = "Minibatches each worker trains between parameter averages. (default: ${DEFAULT-VALUE})")
    int averagingFrequency;

    @Option(names = "--lr", defaultValue = "3e-4", description = "Peak learning rate (Adam). (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--warmup", defaultValue = "20", description = "Linear warmup steps before the cosine decay. (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--checkpoint-every", defaultValue = "5",
            description = "Checkpoint every N averaging rounds; 0 disables. (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "5",
            description = "Validation loss and bits per byte every N rounds (and at the end). (default: ${DEFAULT-VALUE})")
    int validateEvery;

    @Option(names = "--resume", description = "Continue from the newest checkpoint of this run name. (default: false)")
    boolean resume;

    @Override
    public Integer call() {
        PretrainJob.Request request = new PretrainJob.Request(global.context(Invocation.commandLine(spec)), shards,
                model, name, steps, workers, batchPerWorker, averagingFrequency, lr, warmup, checkpointEvery,
                validateEvery, resume);
        System.out.println("artifact: " + new PretrainJob(request, System.out).run());
        return 0;
    }
}
