package dev.tumbler.cli;

import dev.tumbler.jobs.IngestJob;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tumbler ingest}: crawl files in, a versioned corpus snapshot out. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read WARC/WET/JSONL/text/Parquet (gzip or zstd), extract text, identify the language,",
                "filter for quality, scrub PII, remove exact and near duplicates, and publish a corpus snapshot.",
                "Example: ./tumbler ingest --input ~/.cache/tumbler/samples/commoncrawl --name web"})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "URI",
            description = "Input files or directories (file://, hdfs://, s3a://; globs allowed). Repeatable.")
    List<String> inputs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Where the snapshot goes: a store artifact or a plain path. */
    static final class Target {
        @Option(names = "--name", paramLabel = "NAME", description = "Publish as the artifact corpus/NAME/vN.")
        String name;

        @Option(names = "--output", paramLabel = "URI", description = "Write to this path instead of the store.")
        String output;
    }

    @Option(names = "--languages", split = ",", paramLabel = "LANG",
            description = "Languages to keep (ISO 639-1), shorthand for --set ingest.language.languages=[..]. "
                    + "(default: en, from the config)")
    List<String> languages;

    @Option(names = "--min-lang-confidence", paramLabel = "P",
            description = "Minimum language confidence in [0,1], shorthand for --set ingest.language.min_confidence=P. "
                    + "(default: from the config)")
    Double minLangConfidence;

    @Option(names = "--print-config", description = "Print the resolved configuration and exit. (default: false)")
    boolean printConfig;

    @Override
    public Integer call() {
        IngestJob.Request request = new IngestJob.Request(global.context(Invocation.commandLine(spec)), inputs,
                target.name, target.output, languages, minLangConfidence, printConfig);
        new IngestJob(request).run().ifPresent(ref -> System.out.println("artifact: " + ref));
        return 0;
    }
}
