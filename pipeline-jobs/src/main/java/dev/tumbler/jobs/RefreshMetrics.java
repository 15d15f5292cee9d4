package dev.tumbler.jobs;

import dev.tumbler.ingest.pipeline.IngestStats;
import dev.tumbler.store.Manifest;
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

    static Map<String, Object> of(IngestStats stats, Manifest previous, int newFiles, int changedFiles) {
        Map<String, Object> m = new LinkedHashMap<>(stats.toMap());
        long docs = previousDocuments(previous);
        long chars = previousOutput(previous, "chars");
        m.put("output", Map.of("documents", docs + stats.keptDocuments(), "chars", chars + stats.keptChars()));
        Map<String, Object> refresh = new LinkedHashMap<>();
        refresh.put("previous", previous == null ? null : previous.ref());
        refresh.put("previous_documents", docs);
        refresh.put("added_documents", stats.keptDocuments());
        refresh.put("added_chars", stats.keptChars());
        refresh.put("new_input_files", newFiles);
        refresh.put("changed_input_files", changedFiles);
        m.put("refresh", refresh);
        return m;
    }

    static long previousDocuments(Manifest previous) {
        return previousOutput(previous, "documents");
    }

    private static long previousOutput(Manifest previous, String key) {
        if (previous != null && previous.metrics().get("output") instanceof Map<?, ?> output
                && output.get(key) instanceof Number n) {
            return n.longValue();
        }
        return 0L;
    }
}
