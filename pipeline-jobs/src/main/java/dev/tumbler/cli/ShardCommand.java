package dev.tumbler.cli;

import dev.tumbler.jobs.ShardJob;
import dev.tumbler.shard.ShardSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tumbler shard}: a corpus and a tokenizer in, packed token shards out. */
@Command(name = "shard", mixinStandardHelpOptions = true,
        description = {"Tokenize a corpus on the executors and pack it into shuffled windows of seq-len + 1 tokens,",
                "split into train/ and val/ by document hash; publishes shards/NAME/vN.",
                "Example: ./tumbler shard --corpus corpus/samples --tokenizer tokenizer/samples --seq-len 256 --name samples"})
public final class ShardCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "REF", description = "Corpus artifact, e.g. corpus/web or corpus/web/v2.")
    String corpus;

    @Option(names = "--tokenizer", required = true, paramLabel = "REF", description = "Tokenizer artifact, e.g. tokenizer/web.")
    String tokenizer;

    @Option(names = "--seq-len", required = true, paramLabel = "T", description = "Tokens per training sequence.")
    int seqLen;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Publish as shards/NAME/vN.")
    String name;

    @Option(names = "--val-fraction", defaultValue = "0.01", paramLabel = "F",
            description = "Share of documents held out for validation, chosen by document hash. (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--row-group-mb", defaultValue = "8", paramLabel = "MB",
            description = "Parquet row-group size; a streaming reader holds about one. (default: ${DEFAULT-VALUE})")
    int rowGroupMb;

    @Option(names = "--windows-per-file", defaultValue = "65536", paramLabel = "N",
            description = "About how many sequences one output file (one Spark partition) holds. (default: ${DEFAULT-VALUE})")
    int windowsPerFile;

    @Override
    public Integer call() {
        ShardSettings settings = new ShardSettings(seqLen, valFraction, rowGroupMb, windowsPerFile);
        ShardJob.Request request = new ShardJob.Request(global.context(Invocation.commandLine(spec)), corpus, tokenizer,
                name, settings);
        System.out.println("artifact: " + new ShardJob(request, System.out).run());
        return 0;
    }
}
