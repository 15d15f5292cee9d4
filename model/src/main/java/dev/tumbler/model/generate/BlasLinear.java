package dev.tumbler.model.generate;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code out = x·W + b} for many rows at once through ND4J's sgemm, for prefilling a prompt: the plain Java kernel
 * ({@link Kernels#linear}) reaches a few GFLOP/s on one core, which is right for one token per row (that product
 * is bound by reading the weights) but made a long prompt's prefill take seconds. Each weight table is copied into
 * an ND4J array once and kept, keyed by identity.
 */
final class BlasLinear {
    private final Map<float[], INDArray> matrices = Collections.synchronizedMap(new IdentityHashMap<>());

    /** {@code x [rows, in]} times {@code w [in, outDim]} (row-major) plus {@code b [outDim]} (or none), into out. */
    void apply(float[] x, int rows, int in, float[] w, float[] b, int outDim, float[] out) {
        INDArray weights = matrices.computeIfAbsent(w, table -> Nd4j.create(table, new long[] {in, outDim}, 'c'));
        float[] input = x.length == rows * in ? x : java.util.Arrays.copyOf(x, rows * in);
        float[] product = Nd4j.create(input, new long[] {rows, in}, 'c').mmul(weights).data().asFloat();
        System.arraycopy(product, 0, out, 0, rows * outDim);
        if (b != null) {
            for (int n = 0; n < rows; n++) {
                int base = n * outDim;
                for (int o = 0; o < outDim; o++) {
                    out[base + o] += b[o];
                }
            }
        }
    }
}
