package dev.tumbler.ingest.dedup;

import java.io.Serializable;

/**
 * Settings of exact and near-duplicate removal.
 *
 * @param exact            drop documents whose normalized text hashes equal an earlier one's
 * @param near             drop MinHash near-duplicates
 * @param shingleWords     words per shingle (5: word 5-grams)
 * @param bands            LSH bands; signature length is {@code bands * rowsPerBand}
 * @param rowsPerBand      signature rows per band
 * @param jaccardThreshold estimated Jaccard similarity at or above which two documents are duplicates
 * @param maxBucketCompare cap on signature comparisons per document inside one LSH bucket
 */
public record DedupConfig(
        boolean exact,
        boolean near,
        int shingleWords,
        int bands,
        int rowsPerBand,
        double jaccardThreshold,
        int maxBucketCompare) implements Serializable {

    public static DedupConfig defaults() {
        return new DedupConfig(true, true, 5, 14, 8, 0.8, 200);
    }

    public int numHashes() {
        return bands * rowsPerBand;
    }

    /** Throws with the option's name when a value is out of range. */
    public void validate(String prefix) {
        require(shingleWords >= 1, prefix + ".shingle_words must be >= 1, got " + shingleWords);
        require(bands >= 1 && bands <= 256, prefix + ".bands must be in 1..256, got " + bands);
        require(rowsPerBand >= 1 && rowsPerBand <= 64, prefix + ".rows_per_band must be in 1..64, got " + rowsPerBand);
        require(jaccardThreshold > 0 && jaccardThreshold <= 1,
                prefix + ".jaccard_threshold must be in (0, 1], got " + jaccardThreshold);
        require(maxBucketCompare >= 1, prefix + ".max_bucket_compare must be >= 1, got " + maxBucketCompare);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
