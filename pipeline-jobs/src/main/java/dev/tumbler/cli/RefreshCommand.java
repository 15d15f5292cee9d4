package dev.tumbler.cli;

import dev.tumbler.jobs.RefreshJob;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tumbler refresh}: ingest only the input files a corpus has not seen, into its next snapshot. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Ingest the input files missing from the newest corpus/NAME snapshot's ledger, deduplicate them",
                "against that snapshot (exact and MinHash), and publish corpus/NAME/vN+1 = previous documents + new ones.",
                "No new files: nothing is published. Meant to run on a schedule (deploy/refresh/).",
                "Example: ./tumbler refresh --input s3a://bucket/crawl/ --corpus web"})
public final class RefreshCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "URI",
            description = "Input files or directories (file://, hdfs://, s3a://; globs allowed). Repeatable.")
    List<String> inputs;

    @Option(names = "--corpus", required = true, paramLabel = "NAME",
            description = "Corpus name: continues the newest corpus/NAME/vN (starts v1 if there is none).")
    String corpus;

    @Override
    public Integer call() {
        RefreshJob.Request request = new RefreshJob.Request(global.context(Invocation.commandLine(spec)), inputs,
                corpus);
        System.out.println("artifact: " + new RefreshJob(request, System.out).run());
        return 0;
    }
}
