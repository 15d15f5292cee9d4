package dev.tumbler.model.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Java and sgemm linear kernels and the dot product against plain loops, at lengths not all divisible by 4. */
class LinearKernelsTest {
    @ParameterizedTest
    @CsvSource({"1, 8, 12, true", "3, 7, 5, false", "2, 13, 9, true", "9, 6, 11, true", "16, 5, 3, false"})
    void linearKernelsComputeXTimesWPlusB(int rows, int in, int outDim, boolean withBias) {
        Random random = new Random(rows * 31L + in);
        float[] x = values(random, rows * in);
        float[] w = values(random, in * outDim);
        float[] b = withBias ? values(random, outDim) : null;
        float[] expected = new float[rows * outDim];
        for (int n = 0; n < rows; n++) {
            for (int o = 0; o < outDim; o++) {
                double sum = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    sum += (double) x[n * in + i] * w[i * outDim + o];
                }
                expected[n * outDim + o] = (float) sum;
            }
        }
        float[] java = new float[rows * outDim];
        Kernels.linear(x, rows, in, w, b, outDim, java);
        float[] blas = new float[rows * outDim];
        new BlasLinear().apply(x, rows, in, w, b, outDim, blas);
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], java[e], 1e-5, "Java kernel, element " + e);
            assertEquals(expected[e], blas[e], 1e-5, "sgemm, element " + e);
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "4", "7", "64"})
    void dotSumsTheProductsOfItsTwoRanges(int n) {
        Random random = new Random(n);
        float[] a = values(random, n + 3);
        float[] b = values(random, n + 5);
        double expected = 0;
        for (int t = 0; t < n; t++) {
            expected += (double) a[3 + t] * b[5 + t];
        }
        assertEquals(expected, Kernels.dot(a, 3, b, 5, n), 1e-5);
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
