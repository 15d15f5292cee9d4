package dev.tumbler.cli;

import dev.tumbler.store.DamagedArtifactException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code ./tumbler <command>} locally, or {@code spark-submit --class
 * dev.tumbler.cli.TumblerCli tumbler-spark.jar <command>} on a cluster.
 */
@Command(name = "tumbler", mixinStandardHelpOptions = true, version = "tumbler 0.1.0",
        description = "Train chat language models on Apache Spark: ingest, tokenize, pretrain, align.",
        footer = {"", "Every command takes --store, --master, --seed, --conf and --set; see '<command> --help'.",
                "Every phase prints its artifact ref as the last line: artifact: <kind>/<name>/v<N>"},
        subcommands = {IngestCommand.class, RefreshCommand.class, TokenizerCommand.class, ShardCommand.class,
                PretrainCommand.class, SftDataCommand.class, SftCommand.class, GenerateCommand.class, ChatCommand.class,
                ArtifactsCommand.class, SamplesCommand.class, BenchCommand.class},
        showDefaultValues = true)
public final class TumblerCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code: 0 ok, 2 bad usage or configuration, 1 failure (a damaged input artifact included). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new TumblerCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable root = e;
            if (root instanceof IllegalArgumentException || root instanceof java.io.FileNotFoundException) {
                commandLine.getErr().println("error: " + root.getMessage());
                return 2;
            }
            if (root instanceof DamagedArtifactException) {
                commandLine.getErr().println("error: " + root.getMessage());
                return 1;
            }
            commandLine.getErr().println("error: " + root);
            root.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
