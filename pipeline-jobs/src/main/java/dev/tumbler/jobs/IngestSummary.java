package dev.tumbler.jobs;

import dev.tumbler.ingest.pipeline.IngestStats;
import java.io.PrintStream;

/** The summary that {@code ingest} and {@code refresh} print: records, throughput, kept and rejected by step. */
final class IngestSummary {
    private IngestSummary() {
    }

    static void print(PrintStream out, IngestStats s) {
        out.printf("read %d records from %d files (%.1f MB) in %.1f s: %.0f docs/s, %.2f MB/s%n",
                s.records(), s.inputFiles(), s.inputBytes() / 1e6, s.seconds(), s.docsPerSecond(), s.megabytesPerSecond());
        out.printf("kept %d documents (%d chars), rejected %d, PII replacements %d%n",
                s.keptDocuments(), s.keptChars(), s.rejectedDocuments(), s.piiReplacements());
        s.rejectedByStep().forEach((step, reasons) -> reasons.forEach((reason, n) ->
                out.printf("  rejected %-18s %-28s %d%n", step, reason, n)));
    }
}
