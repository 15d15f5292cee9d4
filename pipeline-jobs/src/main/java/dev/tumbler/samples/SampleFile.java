package dev.tumbler.samples;

import dev.tumbler.store.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A file in the samples cache, with its sha256 (lowercase hex) and size in bytes. */
public record SampleFile(Path path, String sha256, long bytes) {
    public SampleFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Hashes {@code path} and records its size. */
    public static SampleFile of(Path path) throws IOException {
        return new SampleFile(path, Sha256.ofFile(path), Files.size(path));
    }
}
