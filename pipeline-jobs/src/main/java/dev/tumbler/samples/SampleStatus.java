package dev.tumbler.samples;

/** Outcome of fetching one {@link SampleSource}. */
public enum SampleStatus {
    /** The files were fetched or produced in this run and verified. */
    FETCHED,
    /** Verified files were already in the cache; nothing was done. */
    CACHED,
    /** A tool or package the source needs is not installed; the message says what to run. */
    MISSING_PREREQUISITE,
    /** Something went wrong (hash mismatch, command failure, I/O error); the message says what. */
    FAILED;

    /** Whether the source's files are usable after this run. */
    public boolean ok() {
        return this == FETCHED || this == CACHED;
    }
}
