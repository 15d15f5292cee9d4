package dev.tumbler.store;

import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of an artifact version. It is written last: a version directory
 * without it does not exist.
 *
 * @param schemaVersion manifest format version, checked by loaders
 * @param ref           {@code kind/name/vN} of this version
 * @param command       the CLI command line that created it
 * @param config        the resolved configuration of that command
 * @param gitCommit     the commit of the code that built it ("unknown" outside a git checkout)
 * @param createdAt     ISO-8601 UTC creation time
 * @param inputs        refs of the artifacts it was made from (lineage)
 * @param metrics       what the job measured
 * @param files         sha256 and size of every data file, by path relative to the version directory
 */
public record Manifest(
        int schemaVersion,
        String ref,
        String command,
        Map<String, Object> config,
        String gitCommit,
        String createdAt,
        List<String> inputs,
        Map<String, Object> metrics,
        Map<String, FileEntry> files) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    /** The hash and size of one file. */
    public record FileEntry(String sha256, long bytes) {
    }
}
