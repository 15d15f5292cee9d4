package dev.tumbler.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The outcome of {@link SampleFetcher#fetchAll}: one {@link SourceResult} per source, in order. */
public record SampleReport(Path cacheDir, List<SourceResult> results) {
    public SampleReport {
        results = List.copyOf(results);
    }

    public Optional<SourceResult> result(String sourceName) {
        return results.stream().filter(r -> r.name().equals(sourceName)).findFirst();
    }

    /** True when every source is {@link SampleStatus#FETCHED} or {@link SampleStatus#CACHED}. */
    public boolean allOk() {
        return results.stream().allMatch(r -> r.status().ok());
    }

    /** True when some source {@link SampleStatus#FAILED} (a missing prerequisite is not a failure). */
    public boolean anyFailed() {
        return results.stream().anyMatch(r -> r.status() == SampleStatus.FAILED);
    }

    /** A suggested process exit code: 0 all ok, 1 a source failed, 2 only prerequisites missing. */
    public int exitCode() {
        return anyFailed() ? 1 : allOk() ? 0 : 2;
    }

    /** The final table: one row per source, then its files with sizes and sha256. */
    public String table() {
        int nameWidth = Math.max("SOURCE".length(), results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int statusWidth = "MISSING_PREREQUISITE".length();
        StringBuilder sb = new StringBuilder();
        String rowFormat = "%-" + nameWidth + "s  %-" + statusWidth + "s  %5s  %12s  %s%n";
        sb.append(String.format(rowFormat, "SOURCE", "STATUS", "FILES", "BYTES", "MESSAGE"));
        for (SourceResult r : results) {
            sb.append(String.format(rowFormat, r.name(), r.status(), r.files().size(), r.totalBytes(), r.message()));
            for (SampleFile f : r.files()) {
                Path shown = cacheDir != null && f.path().startsWith(cacheDir)
                        ? cacheDir.relativize(f.path()) : f.path();
                sb.append(String.format("%-" + nameWidth + "s    %12d  %s  %s%n", "", f.bytes(), f.sha256(), shown));
            }
        }
        return sb.toString();
    }

    public void print(PrintStream out) {
        out.print(table());
    }
}
