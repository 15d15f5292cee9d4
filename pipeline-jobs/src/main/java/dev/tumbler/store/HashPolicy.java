package dev.tumbler.store;

/**
 * How much of an input artifact is re-hashed when a job loads it. Every file is always checked
 * for presence and size against the manifest; the policy decides which files are also re-hashed.
 * Hashing a multi-gigabyte corpus on S3 or HDFS costs a full read, which the job itself may not
 * need (Spark reads only some columns), so large files are hashed only when asked.
 */
public enum HashPolicy {
    /** Re-hash files of up to {@link #SMALL_FILE_BYTES}; larger files are checked by size. The default. */
    SMALL_FILES,
    /** Re-hash every file ({@code --verify-inputs}, and {@code tumbler artifacts verify}). */
    ALL_FILES;

    /** Files up to this size are always re-hashed on load: 64 MiB. */
    public static final long SMALL_FILE_BYTES = 64L << 20;

    boolean hashes(long bytes) {
        return this == ALL_FILES || bytes <= SMALL_FILE_BYTES;
    }
}
