package dev.tumbler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import org.junit.jupiter.api.Test;

/** The matmul bound times the FLOPs that bench train counts, less biases, norms and positions. */
class MatmulBoundTest {
    @Test
    void productsCountSixFlopsPerWeightAndTokenPlusAttention() {
        TransformerConfig c = new TransformerConfig(512, 32, 64, 3, 4, 4, 0.0, false, PositionEncoding.LEARNED);
        int minibatch = 5;
        long tokens = (long) minibatch * c.seqLen();
        long d = c.dModel();
        long weights = c.nLayers() * (4 * d * d + 2 * d * c.mlpHidden()) + d * c.vocabSize();
        double expected = 6.0 * weights * tokens + 12.0 * c.nLayers() * c.seqLen() * d * tokens;

        double flops = MatmulBound.products(c, minibatch).stream().mapToDouble(MatmulBound.Product::flops).sum();

        assertEquals(expected, flops, 1e-6 * expected);
        // What the bound leaves out of bench train's count (biases, gains, the position table) is small.
        double counted = TrainBench.flopsPerToken(c) * tokens;
        assertTrue(flops < counted && flops > 0.97 * counted, flops + " vs " + counted);
    }

    @Test
    void timesEveryProduct() {
        TransformerConfig c = new TransformerConfig(128, 16, 32, 1, 2, 4, 0.0, false, PositionEncoding.LEARNED);

        MatmulBound.Timing t = MatmulBound.time(c, 2);

        assertEquals(MatmulBound.products(c, 2).stream().mapToDouble(MatmulBound.Product::flops).sum(), t.flops());
        assertTrue(t.seconds() > 0 && Double.isFinite(t.gflops()), t.toString());
    }
}
