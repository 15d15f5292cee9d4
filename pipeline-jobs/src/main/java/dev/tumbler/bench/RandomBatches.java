package dev.tumbler.bench;

import java.util.Random;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Training minibatches of uniformly random token ids, shaped as the transformer graph takes them. */
final class RandomBatches {
    private RandomBatches() {
    }

    /** Features {@code [mb, T]} and next-token labels {@code [mb, 1, T]}, both from {@code seed}. */
    static MultiDataSet of(int vocab, int minibatch, int seqLen, long seed) {
        Random random = new Random(seed);
        float[] ids = new float[minibatch * seqLen];
        float[] next = new float[minibatch * seqLen];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(vocab);
            next[i] = random.nextInt(vocab);
        }
        return new MultiDataSet(Nd4j.create(ids, new long[] {minibatch, seqLen}, 'c'),
                Nd4j.create(next, new long[] {minibatch, 1, seqLen}, 'c'));
    }
}
