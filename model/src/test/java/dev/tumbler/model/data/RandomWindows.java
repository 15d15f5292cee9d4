package dev.tumbler.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random token windows for the batcher tests. */
final class RandomWindows {
    private RandomWindows() {
    }

    /** {@code count} windows of {@code seqLen + 1} ids in {@code [0, vocab)}; with masks, random weights in [0, 2). */
    static List<TokenWindow> windows(long seed, int count, int seqLen, int vocab, boolean masks) {
        Random random = new Random(seed);
        List<TokenWindow> windows = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            int[] tokens = new int[seqLen + 1];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = random.nextInt(vocab);
            }
            float[] mask = null;
            if (masks) {
                mask = new float[seqLen];
                for (int t = 0; t < seqLen; t++) {
                    mask[t] = random.nextInt(4) == 0 ? 0f : 2f * random.nextFloat();
                }
            }
            windows.add(new TokenWindow(tokens, mask));
        }
        return windows;
    }
}
