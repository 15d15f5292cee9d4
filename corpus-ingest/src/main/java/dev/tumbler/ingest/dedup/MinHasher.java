package dev.tumbler.ingest.dedup;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * MinHash signatures over word n-gram shingles. Each of the {@code numHashes} functions is a
 * seeded 64-bit mix of the shingle's hash; the signature keeps, per function, the minimum over the
 * document's shingles (low 32 bits). Two signatures agree at a position with probability equal to
 * the Jaccard similarity of the shingle sets.
 */
public final class MinHasher implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int shingleWords;
    private final long[] seeds;

    public MinHasher(int numHashes, int shingleWords, long seed) {
        if (numHashes < 1 || shingleWords < 1) {
            throw new IllegalArgumentException("numHashes and shingleWords must be >= 1");
        }
        this.shingleWords = shingleWords;
        this.seeds = new long[numHashes];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < numHashes; i++) {
            seeds[i] = random.nextLong();
        }
    }

    /** The signature of a text; the words are those of {@link TextNormalizer#words}. */
    public int[] signature(String text) {
        String[] words = TextNormalizer.words(text);
        long[] mins = new long[seeds.length];
        java.util.Arrays.fill(mins, Long.MAX_VALUE);
        int shingles = Math.max(1, words.length - shingleWords + 1);
        for (int s = 0; s < shingles; s++) {
            long h = shingleHash(words, s, Math.min(words.length, s + shingleWords));
            for (int i = 0; i < seeds.length; i++) {
                long v = mix(h ^ seeds[i]) & 0xFFFFFFFFL;
                if (v < mins[i]) {
                    mins[i] = v;
                }
            }
        }
        int[] sig = new int[seeds.length];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = (int) mins[i];
        }
        return sig;
    }

    /** Fraction of positions where two signatures agree: the Jaccard similarity estimate. */
    public static double similarity(int[] a, int[] b) {
        int same = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return n == 0 ? 0 : (double) same / n;
    }

    private static long shingleHash(String[] words, int from, int to) {
        long h = 0xcbf29ce484222325L;  // FNV-1a over the words, with a separator between them
        for (int w = from; w < to; w++) {
            String word = words[w];
            for (int c = 0; c < word.length(); c++) {
                h = (h ^ word.charAt(c)) * 0x100000001b3L;
            }
            h = (h ^ 0x1F) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** The murmur3 64-bit finalizer: a bijective mix with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
