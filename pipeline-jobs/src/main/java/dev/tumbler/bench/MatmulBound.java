package dev.tumbler.bench;

import dev.tumbler.model.transformer.TransformerConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix multiplies of one training step of a transformer, timed alone with ND4J's {@code matmul} op at the
 * model's own shapes: every linear layer forward, input gradient and weight gradient, and the attention's batched
 * products forward and backward (6 FLOPs per weight and token, plus 12·layers·T·d per token, as {@code bench train}
 * counts; only biases, norms and the position table are left out). Their time alone is the least a training step
 * of this shape can take with this BLAS on this machine.
 */
public final class MatmulBound {
    /** One product shape: {@code batch} times {@code [m, k] × [k, n]}, operands stored transposed where flagged. */
    record Product(int count, int batch, int m, int k, int n, boolean transposeA, boolean transposeB) {
        double flops() {
            return 2.0 * count * batch * m * k * n;
        }
    }

    private MatmulBound() {
    }

    /** The products of one step of {@code c} on {@code minibatch} sequences. */
    static List<Product> products(TransformerConfig c, int minibatch) {
        int rows = minibatch * c.seqLen();
        int d = c.dModel();
        int hidden = c.mlpHidden();
        List<Product> out = new ArrayList<>();
        linear(out, c.nLayers(), rows, d, 3 * d);            // Q, K, V in one product
        linear(out, c.nLayers(), rows, d, d);                // attention output projection
        linear(out, c.nLayers(), rows, d, hidden);           // MLP up
        linear(out, c.nLayers(), rows, hidden, d);           // MLP down
        linear(out, 1, rows, d, c.vocabSize());              // output projection
        int heads = minibatch * c.nHeads();
        int t = c.seqLen();
        int dh = d / c.nHeads();
        int layers = c.nLayers();
        out.add(new Product(layers, heads, t, dh, t, false, true));   // scores Q·K^T
        out.add(new Product(layers, heads, t, t, dh, false, false));  // context W·V
        out.add(new Product(layers, heads, t, dh, t, false, true));   // dW = dC·V^T
        out.add(new Product(layers, heads, t, t, dh, true, false));   // dV = W^T·dC
        out.add(new Product(layers, heads, t, t, dh, false, false));  // dQ = dS·K
        out.add(new Product(layers, heads, t, t, dh, true, false));   // dK = dS^T·Q
        return out;
    }

    /** Forward {@code X·W}, input gradient {@code dY·W^T} and weight gradient {@code X^T·dY} of a linear layer. */
    private static void linear(List<Product> out, int count, int rows, int in, int outWidth) {
        out.add(new Product(count, 1, rows, in, outWidth, false, false));
        out.add(new Product(count, 1, rows, outWidth, in, false, true));
        out.add(new Product(count, 1, in, rows, outWidth, true, false));
    }

    /** FLOPs of the products of one step and the seconds they take alone (each the best of three runs). */
    public record Timing(double flops, double seconds) {
        /** Their rate in GFLOP/s. */
        public double gflops() {
            return flops / seconds / 1e9;
        }
    }

    /** Times the products of one step of {@code c} on {@code minibatch} sequences. */
    public static Timing time(TransformerConfig c, int minibatch) {
        double flops = 0;
        double seconds = 0;
        for (Product p : products(c, minibatch)) {
            flops += p.flops();
            seconds += p.count() * bestSeconds(p);
        }
        return new Timing(flops, seconds);
    }

    private static double bestSeconds(Product p) {
        INDArray a = operand(p.batch(), p.m(), p.k(), p.transposeA());
        INDArray b = operand(p.batch(), p.k(), p.n(), p.transposeB());
        INDArray z = p.batch() == 1 ? Nd4j.create(DataType.FLOAT, p.m(), p.n())
                : Nd4j.create(DataType.FLOAT, p.batch(), p.m(), p.n());
        Runnable product = () -> Nd4j.matmul(a, b, z, p.transposeA(), p.transposeB(), false);
        product.run();                                                          // warm-up
        return BestTime.seconds(3, product);
    }

    /** A random {@code [rows, cols]} operand (per batch), stored as its transpose when {@code transposed}. */
    private static INDArray operand(int batch, int rows, int cols, boolean transposed) {
        long r = transposed ? cols : rows;
        long k = transposed ? rows : cols;
        return batch == 1 ? Nd4j.rand(DataType.FLOAT, r, k) : Nd4j.rand(DataType.FLOAT, batch, r, k);
    }
}
