package dev.tumbler.shard;

/**
 * What {@code tumbler shard} was asked for, validated before any work starts.
 *
 * @param seqLen       tokens a model sees per sequence; windows hold {@code seqLen + 1}
 * @param valFraction  share of documents (by hash of their id) in the validation split
 * @param rowGroupMb   Parquet row-group size: a reader holds about one row group in memory
 * @param windowsPerPartition  about how many windows one output file (and one Spark partition) holds
 */
public record ShardSettings(int seqLen, double valFraction, int rowGroupMb, int windowsPerPartition) {
    public ShardSettings {
        if (seqLen < 2 || seqLen > (1 << 20)) {
            throw new IllegalArgumentException("--seq-len must be in 2..1048576, got " + seqLen);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + valFraction);
        }
        if (rowGroupMb < 1 || rowGroupMb > 1024) {
            throw new IllegalArgumentException("--row-group-mb must be in 1..1024, got " + rowGroupMb);
        }
        if (windowsPerPartition < 1) {
            throw new IllegalArgumentException("--windows-per-file must be >= 1, got " + windowsPerPartition);
        }
    }
}
