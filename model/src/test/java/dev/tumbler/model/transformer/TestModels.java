package dev.tumbler.model.transformer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small configurations and inputs shared by the transformer tests. */
final class TestModels {
    private TestModels() {
    }

    /** vocab 23, T 8, d 16, 2 heads, mlp ratio 4, no dropout. */
    static TransformerConfig tiny(int layers, PositionEncoding positions) {
        return tiny(layers, positions, true);
    }

    static TransformerConfig tiny(int layers, PositionEncoding positions, boolean bias) {
        return new TransformerConfig(23, 8, 16, layers, 2, 4, 0.0, false, positions, bias);
    }

    /** Token ids {@code [mb, T]} drawn from a fixed seed. */
    static INDArray randomTokens(int mb, TransformerConfig c, long seed) {
        java.util.Random r = new java.util.Random(seed);
        INDArray t = Nd4j.create(DataType.FLOAT, mb, c.seqLen());
        for (int b = 0; b < mb; b++) {
            for (int i = 0; i < c.seqLen(); i++) {
                t.putScalar(b, i, r.nextInt(c.vocabSize()));
            }
        }
        return t;
    }
}
