package dev.tumbler.artifacts;

import dev.tumbler.ingest.pipeline.IngestRunner;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * A {@code corpus} snapshot as later phases read it: the Parquet documents under {@code documents/}
 * and the counts its manifest records under {@code metrics.output} (as {@code ingest} and
 * {@code refresh} write them).
 *
 * @param ref          the snapshot
 * @param documentsUri the Parquet folder of its documents ({@code doc_id}, {@code text}, ...)
 * @param documents    documents in the snapshot
 * @param chars        characters of text in the snapshot
 */
public record CorpusArtifact(ArtifactRef ref, String documentsUri, long documents, long chars) {
    private static final String OUTPUT = "output";

    /** Claims the next version of {@code corpus/NAME}; the ingest writes into it. */
    public static StagingArea stage(ArtifactStore store, String name) {
        return store.stage(ArtifactKind.CORPUS, name);
    }

    /** Where an ingest writes the documents of a staged snapshot. */
    public static String documentsUri(StagingArea staging) {
        return new Path(staging.dir(), IngestRunner.DOCUMENTS_DIR).toString();
    }

    /**
     * Publishes a staged snapshot. Its metrics must hold {@code output.documents} and
     * {@code output.chars}, which {@link #read} gives back.
     */
    public static ArtifactRef publish(ArtifactStore store, StagingArea staging, PublishRequest request) {
        if (staging.ref().kind() != ArtifactKind.CORPUS) {
            throw new IllegalArgumentException(staging.ref() + " is not a corpus");
        }
        Map<String, Object> output = ManifestFacts.map(staging.ref(), request.metrics(), OUTPUT, "metrics.");
        ManifestFacts.longValue(staging.ref(), output, "documents", "metrics.output.");
        ManifestFacts.longValue(staging.ref(), output, "chars", "metrics.output.");
        return store.publish(staging, request);
    }

    /** The snapshot given on the command line as {@code option} (newest version when no vN), checked. */
    public static CorpusArtifact read(ArtifactStore store, String text, String option) {
        return read(store, store.resolve(text, ArtifactKind.CORPUS, option));
    }

    /**
     * The snapshot {@code ref}, after checking its files against its manifest.
     *
     * @throws dev.tumbler.store.DamagedArtifactException when a file differs from the manifest
     */
    public static CorpusArtifact read(ArtifactStore store, ArtifactRef ref) {
        ArtifactRef resolved = ManifestFacts.resolve(store, ref, ArtifactKind.CORPUS, "a corpus");
        return of(store, store.verifiedManifest(resolved));
    }

    /** The facts of a corpus manifest already read (not re-checked here). */
    public static CorpusArtifact of(ArtifactStore store, Manifest manifest) {
        ArtifactRef ref = ArtifactRef.parse(manifest.ref());
        Map<String, Object> output = ManifestFacts.map(ref, manifest.metrics(), OUTPUT, "metrics.");
        return new CorpusArtifact(ref, new Path(store.versionDir(ref), IngestRunner.DOCUMENTS_DIR).toString(),
                ManifestFacts.longValue(ref, output, "documents", "metrics.output."),
                ManifestFacts.longValue(ref, output, "chars", "metrics.output."));
    }
}
