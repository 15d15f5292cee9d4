package dev.tumbler.jobs;

import dev.tumbler.artifacts.CorpusArtifact;
import dev.tumbler.config.ConfigResolver;
import dev.tumbler.ingest.pipeline.IngestConfig;
import dev.tumbler.ingest.pipeline.IngestRunner;
import dev.tumbler.ingest.pipeline.IngestStats;
import dev.tumbler.ingest.read.InputFile;
import dev.tumbler.ingest.read.InputFiles;
import dev.tumbler.ingest.refresh.InputLedger;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The ingest phase: resolves and validates the configuration, lists the inputs (a missing path
 * fails here, before Spark starts), runs {@link IngestRunner}, and publishes a {@code corpus}
 * artifact (or writes to {@code --output}). A published snapshot carries the ledger of the input
 * files it read ({@link InputLedger}), which {@code refresh} continues from. {@link #run} returns the
 * ref it published.
 */
public final class IngestJob {
    /** Everything the CLI hands over. */
    public record Request(RunContext context, List<String> inputs, String name, String output,
                          List<String> languages, Double minLangConfidence, boolean printConfig) {
    }

    private final Request request;
    private final PrintStream out;

    public IngestJob(Request request) {
        this(request, System.out);
    }

    public IngestJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Resolves {@code ingest.*} from defaults, {@code --conf}, {@code --set} and the shorthand flags. */
    public static IngestConfig resolveConfig(RunContext context, List<String> languages, Double minLangConfidence) {
        List<String> sets = new ArrayList<>(context.sets());
        if (languages != null && !languages.isEmpty()) {
            sets.add("ingest.language.languages=[" + String.join(",", languages) + "]");
        }
        if (minLangConfidence != null) {
            if (minLangConfidence < 0 || minLangConfidence > 1) {
                throw new IllegalArgumentException("--min-lang-confidence must be in [0, 1], got " + minLangConfidence);
            }
            sets.add("ingest.language.min_confidence=" + minLangConfidence);
        }
        IngestConfig config = ConfigResolver.resolve("ingest", IngestConfig.defaults(), IngestConfig.class,
                context.conf(), sets);
        config.validate();
        return config;
    }

    /**
     * Runs the phase and returns the corpus ref it published; empty when it wrote to {@code --output}
     * instead, or only printed the configuration.
     */
    public Optional<ArtifactRef> run() {
        RunContext context = request.context();
        IngestConfig config = resolveConfig(context, request.languages(), request.minLangConfidence());
        if (request.printConfig()) {
            out.print(ConfigResolver.toYaml("ingest", config));
            return Optional.empty();
        }
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        InputFiles.Listing listing = listInputs(hadoop);
        List<InputFile> files = listing.files();
        if (!listing.skipped().isEmpty()) {
            out.printf("ingest: skipping %d files of unknown format inside the input directories:%n", listing.skipped().size());
            listing.skipped().forEach(f -> out.println("  " + f));
        }
        ArtifactStore store = request.name() != null ? context.openStore(hadoop) : null;
        if (request.output() != null) {
            requireAbsent(request.output(), hadoop);
        }
        long bytes = files.stream().mapToLong(InputFile::sizeBytes).sum();
        out.printf("ingest: %d input files, %.1f MB%n", files.size(), bytes / 1e6);
        return SparkSessions.with("tumbler ingest", context.master(), spark -> {
            IngestRunner runner = new IngestRunner(spark, config, context.seed());
            if (store == null) {
                String snapshot = new Path(request.output()).getName();
                IngestStats stats = runner.run(files, snapshot, request.output());
                IngestSummary.print(out, stats);
                out.println("output: " + request.output());
                return Optional.empty();
            }
            StagingArea staging = CorpusArtifact.stage(store, request.name());
            IngestStats stats;
            try {
                stats = runner.run(files, staging.ref().toString(), staging.uri());
                InputLedger.empty().with(files, staging.ref().toString()).write(staging.dir(), hadoop);
            } catch (RuntimeException e) {
                store.abandon(staging);
                throw e;
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            resolved.put("ingest", ConfigResolver.toMap(config));
            resolved.put("inputs", request.inputs());
            resolved.put("skipped_inputs", listing.skipped());
            resolved.put("seed", context.seed());
            ArtifactRef ref = CorpusArtifact.publish(store, staging,
                    new PublishRequest(context.commandLine(), resolved, List.of(), stats.toMap()));
            IngestSummary.print(out, stats);
            return Optional.of(ref);
        });
    }

    private InputFiles.Listing listInputs(Configuration hadoop) {
        try {
            return InputFiles.listing(request.inputs(), hadoop);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("--input: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("--input: cannot list inputs: " + e.getMessage(), e);
        }
    }

    private static void requireAbsent(String output, Configuration hadoop) {
        try {
            Path path = new Path(output);
            if (path.getFileSystem(hadoop).exists(path)) {
                throw new IllegalArgumentException("--output " + output + " already exists; outputs are never overwritten");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--output: " + e.getMessage(), e);
        }
    }
}
