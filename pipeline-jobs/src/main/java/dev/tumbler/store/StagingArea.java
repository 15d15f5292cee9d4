package dev.tumbler.store;

import org.apache.hadoop.fs.Path;

/**
 * A private directory a job writes into before {@link ArtifactStore#publish} makes it the claimed
 * version {@link #ref}.
 */
public record StagingArea(ArtifactRef ref, Path dir) {
    /** The staging directory as a URI string, for Spark writers. */
    public String uri() {
        return dir.toString();
    }
}
