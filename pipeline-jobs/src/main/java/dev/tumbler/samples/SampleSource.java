package dev.tumbler.samples;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One kind of sample data that {@code tumbler samples fetch} puts into the cache folder.
 *
 * <p>Implementations must not throw for expected problems (a missing tool, a hash mismatch, no
 * network): they return a {@link SourceResult} with the matching {@link SampleStatus} and a message
 * that says what to do. {@link SampleFetcher} still guards against unexpected exceptions.
 */
public interface SampleSource {
    /** Short stable name, used in the report and on the command line, e.g. {@code npm-warc}. */
    String name();

    /** Fetches (or confirms the cached copy of) this source's files under {@code cacheDir}. */
    SourceResult fetch(Path cacheDir, PrintStream log);
}
