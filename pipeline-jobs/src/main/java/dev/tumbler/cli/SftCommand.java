package dev.tumbler.cli;

import dev.tumbler.jobs.SftJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tumbler sft}: a base model and conversations in, a fine-tuned model out. */
@Command(name = "sft", mixinStandardHelpOptions = true,
        description = {"Supervised fine-tuning: train a base model further on a conversations artifact, loss on the",
                "assistant's tokens only, conversations packed best-fit into rows of seq_len + 1; publishes",
                "model/NAME/vN. Training settings: code defaults, then --train FILE, then --set train.KEY=VALUE,",
                "then the flags.",
                "Example: ./tumbler sft --base model/tiny --data conversations/mix --name tiny-chat"})
public final class SftCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "REF", description = "Base model, e.g. model/tiny.")
    String base;

    @Option(names = "--data", required = true, paramLabel = "REF",
            description = "Conversations artifact (sft-data), e.g. conversations/mix.")
    String data;

    @Option(names = "--train", paramLabel = "FILE",
            description = "Training preset (a train: section), e.g. conf/train/sft.yaml. (default: the defaults "
                    + "in code, which conf/train/sft.yaml repeats)")
    Path train;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Publish as model/NAME/vN.")
    String name;

    @Option(names = "--steps", description = "Optimizer steps per worker, rounded up to whole rounds; train.steps. "
            + "(default: 64)")
    Integer steps;

    @Option(names = "--workers", description = "Parameter-averaging workers; train.workers. (default: 2)")
    Integer workers;

    @Option(names = "--batch-per-worker",
            description = "Packed rows per minibatch per worker; train.batch_per_worker. (default: 8)")
    Integer batchPerWorker;

    @Option(names = "--averaging-frequency", description = "Minibatches each worker trains between parameter "
            + "averages (one round); train.averaging_frequency. (default: 8)")
    Integer averagingFrequency;

    @Option(names = "--lr", description = "Peak learning rate (Adam); train.lr. (default: 1e-4)")
    Double lr;

    @Option(names = "--warmup", description = "Linear warmup steps before the cosine decay; train.warmup. (default: 4)")
    Integer warmup;

    @Option(names = "--checkpoint-every",
            description = "Checkpoint every N rounds; 0 disables; train.checkpoint_every. (default: 4)")
    Integer checkpointEvery;

    @Option(names = "--validate-every", description = "Held-out loss per supervised token every N rounds (and at "
            + "the end); train.validate_every. (default: 2)")
    Integer validateEvery;

    @Option(names = "--resume", description = "Continue the newest run of this name from its newest checkpoint; a "
            + "checkpoint of another base, data, tokenizer or training setting is refused. (default: false)")
    boolean resume;

    @Option(names = "--eval-prompts", defaultValue = "200", paramLabel = "N",
            description = "Held-out prompts (the first N val conversations by id) on which the base and the SFT "
                    + "model are scored after training; 0 turns the evaluation off. (default: ${DEFAULT-VALUE})")
    int evalPrompts;

    @Option(names = "--eval-max-tokens", defaultValue = "64", paramLabel = "N",
            description = "Token limit of each evaluation reply. (default: ${DEFAULT-VALUE})")
    int evalMaxTokens;

    @Override
    public Integer call() {
        global.sets.addAll(trainSets());
        SftJob.Request request = new SftJob.Request(global.context(Invocation.commandLine(spec)), base, data, train,
                name, resume, evalPrompts, evalMaxTokens);
        System.out.println("artifact: " + new SftJob(request, System.out).run());
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
