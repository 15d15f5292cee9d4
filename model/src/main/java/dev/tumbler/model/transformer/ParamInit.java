package dev.tumbler.model.transformer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** GPT-2 style parameter initialisation for the custom layers, reproducible from a seed. */
final class ParamInit {
    /** Standard deviation of all weight matrices. */
    static final double STD = 0.02;

    private ParamInit() {
    }

    /** A seeded random source; call {@link Random#close()} is not needed for the native backend. */
    static Random random(long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** Fills {@code target} in place with normal(0, std) values. */
    static void normal(INDArray target, double std, Random rng) {
        INDArray values = Nd4j.randn(0.0, std, target.shape(), rng);
        target.assign(values.castTo(target.dataType()));
    }
}
