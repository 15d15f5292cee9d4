package dev.tumbler.samples;

import java.util.List;
import java.util.Objects;

/** What one {@link SampleSource} did: its status, a human-readable message and its files. */
public record SourceResult(String name, SampleStatus status, String message, List<SampleFile> files) {
    public SourceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static SourceResult fetched(String name, String message, List<SampleFile> files) {
        return new SourceResult(name, SampleStatus.FETCHED, message, files);
    }

    public static SourceResult cached(String name, String message, List<SampleFile> files) {
        return new SourceResult(name, SampleStatus.CACHED, message, files);
    }

    public static SourceResult missing(String name, String message) {
        return new SourceResult(name, SampleStatus.MISSING_PREREQUISITE, message, List.of());
    }

    public static SourceResult failed(String name, String message) {
        return new SourceResult(name, SampleStatus.FAILED, message, List.of());
    }

    /** Total size of this source's files in bytes. */
    public long totalBytes() {
        return files.stream().mapToLong(SampleFile::bytes).sum();
    }
}
