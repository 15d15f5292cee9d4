package dev.tumbler.jobs;

import dev.tumbler.artifacts.CorpusArtifact;
import dev.tumbler.ingest.pipeline.IngestStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifest metrics of a refreshed snapshot: the run's ingest stats (input, rejected, timing of
 * the new files), with {@code output} counting the whole snapshot (previous plus new documents, as
 * later phases read it) and {@code refresh} saying what was added.
 */
final class RefreshMetrics {
    private RefreshMetrics() {
    }

    /** @param previous the snapshot this one continues, or null for the first one */
    static Map<String, Object> of(IngestStats stats, CorpusArtifact previous, int newFiles, int changedFiles) {
        Map<String, Object> m = new LinkedHashMap<>(stats.toMap());
        long docs = previous == null ? 0L : previous.documents();
        long chars = previous == null ? 0L : previous.chars();
        m.put("output", Map.of("documents", docs + stats.keptDocuments(), "chars", chars + stats.keptChars()));
        Map<String, Object> refresh = new LinkedHashMap<>();
        refresh.put("previous", previous == null ? null : previous.ref().toString());
        refresh.put("previous_documents", docs);
        refresh.put("added_documents", stats.keptDocuments());
        refresh.put("added_chars", stats.keptChars());
        refresh.put("new_input_files", newFiles);
        refresh.put("changed_input_files", changedFiles);
        m.put("refresh", refresh);
        return m;
    }
}
