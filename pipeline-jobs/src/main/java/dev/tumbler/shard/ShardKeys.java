package dev.tumbler.shard;

import java.nio.charset.StandardCharsets;

/** Seeded 64-bit hashes for the deterministic shuffle and the train/val split. */
public final class ShardKeys {
    private ShardKeys() {
    }

    /** The murmur3 64-bit finalizer. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A 64-bit hash of a string (FNV-1a over UTF-8, then mixed with the seed). */
    public static long hash(String s, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return mix(h ^ mix(seed));
    }

    /**
     * True when the document belongs to the validation split: its seed-independent hash, as a
     * fraction of 2^64, is below {@code valFraction}. The split does not change with {@code --seed},
     * so a re-shuffle never moves a document between train and val.
     */
    public static boolean isVal(String docId, double valFraction) {
        if (valFraction <= 0) {
            return false;
        }
        double u = (hash(docId, 0x5EED51177L) >>> 11) * 0x1.0p-53;
        return u < valFraction;
    }
}
