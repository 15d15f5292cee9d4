package dev.tumbler.jobs;

import dev.tumbler.cli.GlobalOptions;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The ingest phase: resolves and validates the configuration, lists the inputs (a missing path
 * fails here, before Spark starts), runs {@link IngestRunner}, and publishes a {@code corpus}
 * artifact (or writes to {@code --output}). A published snapshot carries the ledger of the input
 * files it read ({@link InputLedger}), which {@code refresh} continues from. The last line printed is
 * the artifact ref.
 */
public final class IngestJob {
    /** Everything the CLI hands over. */
    public record Request(GlobalOptions global, List<String> inputs, String name, String output,
                          List<String> languages, Double minLangConfidence, boolean printConfig,
                          String commandLine) {
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
    public static IngestConfig resolveConfig(GlobalOptions global, List<String> languages, Double minLangConfidence) {
        List<String> sets = new ArrayList<>(global.sets());
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
                global.conf(), sets);
        config.validate();
        return config;
    }

    public int run() {
        IngestConfig config = resolveConfig(request.global(), request.languages(), request.minLangConfidence());
        if (request.printConfig()) {
            out.print(ConfigResolver.toYaml("ingest", config));
            return 0;
        }
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        InputFiles.Listing listing = listInputs(hadoop);
        List<InputFile> files = listing.files();
        if (!listing.skipped().isEmpty()) {
            out.printf("ingest: skipping %d files of unknown format inside the input directories:%n", listing.skipped().size());
            listing.skipped().forEach(f -> out.println("  " + f));
        }
        ArtifactStore store = request.name() != null ? ArtifactStore.open(request.global().store(), hadoop) : null;
        if (request.output() != null) {
            requireAbsent(request.output(), hadoop);
        }
        long bytes = files.stream().mapToLong(InputFile::sizeBytes).sum();
        out.printf("ingest: %d input files, %.1f MB%n", files.size(), bytes / 1e6);
        boolean sparkWasRunning = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkSessions.create("tumbler ingest", request.global().master());
        try {
            IngestRunner runner = new IngestRunner(spark, config, request.global().seed());
            if (store == null) {
                String snapshot = new Path(request.output()).getName();
                IngestStats stats = runner.run(files, snapshot, request.output());
                IngestSummary.print(out, stats);
                out.println("output: " + request.output());
                return 0;
            }
            StagingArea staging = store.stage("corpus", request.name());
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
            resolved.put("seed", request.global().seed());
            ArtifactRef ref = store.publish(staging, new PublishRequest(request.commandLine(), resolved, List.of(),
                    stats.toMap()));
            IngestSummary.print(out, stats);
            out.println("artifact: " + ref);
            return 0;
        } finally {
            if (!sparkWasRunning) {
                spark.stop();
            }
        }
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
