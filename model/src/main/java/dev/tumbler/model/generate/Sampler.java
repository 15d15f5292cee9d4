package dev.tumbler.model.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Temperature / top-k / top-p sampling ({@link SamplingParams}). Each of the K samples draws from its own generator,
 * split in order from one seed, so a sample's tokens do not depend on how far the others have got.
 */
public final class Sampler implements TokenChooser {
    private final SamplingParams params;
    private final SplittableRandom[] random;

    /** A sampler for {@code samples} sequences, all randomness from {@code seed}. */
    public Sampler(SamplingParams params, long seed, int samples) {
        this.params = params;
        SplittableRandom root = new SplittableRandom(seed);
        this.random = new SplittableRandom[samples];
        for (int i = 0; i < samples; i++) {
            random[i] = root.split();
        }
    }

    @Override
    public int choose(int sample, float[] logits) {
        if (params.temperature() == 0.0) {
            return argmax(logits);
        }
        double[] p = softmax(logits, params.temperature());
        int v = p.length;
        boolean truncate = (params.topK() > 0 && params.topK() < v) || params.topP() < 1.0;
        if (!truncate) {
            return draw(p, null, v, 1.0, random[sample]);
        }
        int keep = params.topK() > 0 ? Math.min(params.topK(), v) : v;
        int[] order = mostLikely(p, keep);
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += p[order[i]];
        }
        if (params.topP() < 1.0) {
            double cumulative = 0;
            for (int i = 0; i < keep; i++) {
                cumulative += p[order[i]];
                if (cumulative >= params.topP() * mass) {
                    keep = i + 1;
                    mass = cumulative;
                    break;
                }
            }
        }
        return draw(p, order, keep, mass, random[sample]);
    }

    /** The index of the largest logit; ties go to the smallest id. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    static double[] softmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * The {@code count} most likely ids, largest probability first; equal probabilities keep id order. Selects
     * with a bounded heap (O(V log count)), so top-k does not sort the whole vocabulary for every token.
     */
    static int[] mostLikely(double[] p, int count) {
        // Probabilities are >= 0, so their float bits order like the values; negated, the smallest keys are the
        // most likely ids, and the id in the low bits breaks ties towards the smaller id.
        long[] heap = new long[count];  // max-heap of the count smallest keys seen
        int size = 0;
        for (int i = 0; i < p.length; i++) {
            long key = ((long) -Float.floatToIntBits((float) p[i]) << 32) | i;
            if (size < count) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (key < heap[0]) {
                heap[0] = key;
                siftDown(heap, count);
            }
        }
        Arrays.sort(heap, 0, size);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) heap[i];
        }
        return order;
    }

    private static void siftUp(long[] heap, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (heap[parent] >= heap[at]) {
                return;
            }
            long t = heap[parent];
            heap[parent] = heap[at];
            heap[at] = t;
            at = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int at = 0;
        while (true) {
            int largest = at;
            int left = 2 * at + 1;
            int right = left + 1;
            if (left < size && heap[left] > heap[largest]) {
                largest = left;
            }
            if (right < size && heap[right] > heap[largest]) {
                largest = right;
            }
            if (largest == at) {
                return;
            }
            long t = heap[largest];
            heap[largest] = heap[at];
            heap[at] = t;
            at = largest;
        }
    }

    private static int draw(double[] p, int[] order, int count, double mass, SplittableRandom rng) {
        double u = rng.nextDouble() * mass;
        double cumulative = 0;
        for (int i = 0; i < count; i++) {
            int id = order == null ? i : order[i];
            cumulative += p[id];
            if (u < cumulative) {
                return id;
            }
        }
        return order == null ? count - 1 : order[count - 1];
    }
}
