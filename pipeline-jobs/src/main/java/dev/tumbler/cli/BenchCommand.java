package dev.tumbler.cli;

import dev.tumbler.bench.IngestBench;
import dev.tumbler.samples.SampleFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tumbler bench}: throughput benchmarks, each reported against a ceiling measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. Each prints ratios against a reference measured in the same run.",
        subcommands = {BenchCommand.Ingest.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code tumbler bench ingest}. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Whole ingest of the sample data: docs/s and MB/s per core, against the plain",
                    "read-and-decompress rate of the same files on the same cores (the I/O ceiling)."})
    static final class Ingest implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--samples", paramLabel = "DIR",
                description = "Sample cache to read (run 'tumbler samples fetch' first). "
                        + "(default: $TUMBLER_SAMPLES or ~/.cache/tumbler/samples)")
        Path samples;

        @Option(names = "--repeat", defaultValue = "2",
                description = "Measured runs of each side; the best is reported. (default: ${DEFAULT-VALUE})")
        int repeat;

        @Override
        public Integer call() {
            if (repeat < 1) {
                throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
            }
            Path dir = samples != null ? samples : SampleFetcher.defaultCacheDir();
            return new IngestBench(global, dir, repeat, System.out).run();
        }
    }
}
