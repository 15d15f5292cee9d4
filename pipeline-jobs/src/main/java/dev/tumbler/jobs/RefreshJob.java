package dev.tumbler.jobs;

import dev.tumbler.artifacts.CorpusArtifact;
import dev.tumbler.config.ConfigResolver;
import dev.tumbler.ingest.dedup.DedupConfig;
import dev.tumbler.ingest.pipeline.IngestConfig;
import dev.tumbler.ingest.pipeline.IngestRunner;
import dev.tumbler.ingest.pipeline.IngestStats;
import dev.tumbler.ingest.read.InputFile;
import dev.tumbler.ingest.read.InputFiles;
import dev.tumbler.ingest.refresh.InputLedger;
import dev.tumbler.ingest.refresh.PreviousSnapshot;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The scheduled refresh of a corpus: lists the inputs, keeps only the files missing from the newest
 * snapshot's {@link InputLedger}, ingests them with that snapshot's settings, deduplicates the new
 * documents against it (exact and MinHash, on its stored {@code content_hash} and {@code minhash}),
 * and publishes a new version that holds the previous documents plus the new ones, a ledger that
 * adds the new files, and a manifest whose inputs name the previous version. With no new files it
 * is a no-op that says so and returns the newest snapshot's ref. A refresh that fails publishes
 * nothing, so the ledger stays as it was. The first refresh of a name that does not exist yet is a
 * plain ingest.
 */
public final class RefreshJob {
    /** Everything the CLI hands over. */
    public record Request(RunContext context, List<String> inputs, String corpus) {
    }

    private final Request request;
    private final PrintStream out;

    public RefreshJob(Request request, PrintStream out) {
        this.request = request;
        this.out = out;
    }

    /** Runs the refresh and returns the corpus ref it published, or the newest one when there was nothing new. */
    public ArtifactRef run() {
        RunContext context = request.context();
        try {
            ArtifactRef.requireSegment("name", request.corpus());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--corpus: " + e.getMessage(), e);
        }
        Configuration hadoop = HadoopConfs.fromSystemProperties();
        ArtifactStore store = context.openStore(hadoop);
        List<ArtifactRef> versions = store.versions(ArtifactKind.CORPUS, request.corpus());
        ArtifactRef previous = versions.isEmpty() ? null : versions.get(versions.size() - 1);
        Manifest previousManifest = previous == null ? null : store.manifest(previous);
        CorpusArtifact previousCorpus = previous == null ? null : CorpusArtifact.of(store, previousManifest);
        InputLedger ledger = previous == null ? InputLedger.empty() : readLedger(store, previous);
        IngestConfig config = resolveConfig(previous, previousManifest);

        List<InputFile> listed = listInputs(hadoop);
        List<InputFile> fresh = ledger.unprocessed(listed);
        List<InputFile> changed = ledger.changed(listed);
        if (fresh.isEmpty()) {
            out.printf("refresh: no new input files (%d listed, all in the ledger of %s); nothing to do%n",
                    listed.size(), previous);
            return previous;
        }
        double megabytes = fresh.stream().mapToLong(InputFile::sizeBytes).sum() / 1e6;
        if (previous == null) {
            out.printf("refresh: %d new input files (%.1f MB); corpus/%s does not exist yet, this is its first snapshot%n",
                    fresh.size(), megabytes, request.corpus());
        } else {
            out.printf("refresh: %d new input files (%.1f MB), %d already in the ledger of %s%n", fresh.size(),
                    megabytes, listed.size() - fresh.size(), previous);
        }
        changed.forEach(f -> out.println("  changed since it was ingested, read again: " + f.uri()));

        return SparkSessions.with("tumbler refresh", context.master(), spark -> {
            StagingArea staging = CorpusArtifact.stage(store, request.corpus());
            IngestStats stats;
            try {
                PreviousSnapshot prev = previous == null ? null
                        : new PreviousSnapshot(previous.toString(), previousCorpus.documentsUri());
                stats = new IngestRunner(spark, config, context.seed())
                        .run(fresh, staging.ref().toString(), staging.uri(), prev);
                ledger.with(fresh, staging.ref().toString()).write(staging.dir(), hadoop);
            } catch (RuntimeException e) {
                store.abandon(staging);
                throw e;
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            resolved.put("ingest", ConfigResolver.toMap(config));
            resolved.put("inputs", request.inputs());
            resolved.put("previous", previous == null ? null : previous.toString());
            resolved.put("seed", context.seed());
            ArtifactRef ref = CorpusArtifact.publish(store, staging, new PublishRequest(context.commandLine(), resolved,
                    previous == null ? List.of() : List.of(previous),
                    RefreshMetrics.of(stats, previousCorpus, fresh.size(), changed.size())));
            IngestSummary.print(out, stats);
            long before = previousCorpus == null ? 0 : previousCorpus.documents();
            if (previous != null) {
                out.printf("%s: %d documents = %d from %s + %d new%n", ref, before + stats.keptDocuments(), before,
                        previous, stats.keptDocuments());
            }
            return ref;
        });
    }

    /**
     * The settings of the previous snapshot (the code defaults for a first refresh), then {@code --conf}
     * and {@code --set}. The MinHash settings and the seed must stay those of the previous snapshot:
     * signatures made otherwise do not compare.
     */
    private IngestConfig resolveConfig(ArtifactRef previous, Manifest manifest) {
        IngestConfig base = IngestConfig.defaults();
        if (manifest != null && manifest.config().get("ingest") instanceof Map<?, ?> stored) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) stored;
            base = ConfigResolver.fromMap(map, IngestConfig.class, previous + "/manifest.json");
        }
        IngestConfig config = ConfigResolver.resolve("ingest", base, IngestConfig.class, request.context().conf(),
                request.context().sets());
        config.validate();
        if (manifest == null) {
            return config;
        }
        DedupConfig was = base.dedup();
        DedupConfig now = config.dedup();
        requireSame("ingest.dedup.shingle_words", was.shingleWords(), now.shingleWords(), previous);
        requireSame("ingest.dedup.bands", was.bands(), now.bands(), previous);
        requireSame("ingest.dedup.rows_per_band", was.rowsPerBand(), now.rowsPerBand(), previous);
        if (manifest.config().get("seed") instanceof Number seed && seed.longValue() != request.context().seed()) {
            throw new IllegalArgumentException("--seed: " + previous + " was made with seed " + seed
                    + " and its MinHash signatures only compare under the same seed; pass --seed " + seed);
        }
        return config;
    }

    private static void requireSame(String key, int was, int now, ArtifactRef previous) {
        if (was != now) {
            throw new IllegalArgumentException(key + ": " + previous + " was deduplicated with " + was + ", got " + now
                    + "; a refresh keeps the MinHash settings of the snapshot it continues");
        }
    }

    private static InputLedger readLedger(ArtifactStore store, ArtifactRef previous) {
        return InputLedger.read(store.versionDir(previous), store.hadoopConf()).orElseThrow(() ->
                new IllegalArgumentException("--corpus: " + previous + " has no " + InputLedger.FILE_NAME
                        + " (it predates refresh); ingest the inputs into a new corpus name to start a refreshable one"));
    }

    private List<InputFile> listInputs(Configuration hadoop) {
        try {
            InputFiles.Listing listing = InputFiles.listing(request.inputs(), hadoop);
            if (!listing.skipped().isEmpty()) {
                out.printf("refresh: skipping %d files of unknown format inside the input directories%n",
                        listing.skipped().size());
            }
            return listing.files();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("--input: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("--input: cannot list inputs: " + e.getMessage(), e);
        }
    }
}
