package dev.tumbler.model.transformer;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/** SameDiff building blocks shared by the custom layers. All reduction axes are explicit and non-negative. */
final class SdOps {
    private SdOps() {
    }

    /**
     * RMSNorm over the rows of a {@code [n, d]} input with gain {@code [1, d]}. The per-row scale and the gain
     * meet in one outer product ({@code [n, 1] × [1, d]}, a matmul) so that the input is multiplied by an array of
     * its own shape: ND4J's backward of a broadcast multiply tiles its operands and costs 5-20x the ops it
     * stands for, while the matmul's backward is two matrix-vector products.
     */
    static SDVariable rmsNorm(SameDiff sd, SDVariable x, SDVariable gain) {
        SDVariable meanSquare = x.mul(x).mean(true, 1);               // [n, 1]
        SDVariable inv = sd.math.rsqrt(meanSquare.add(DecoderLayer.NORM_EPS)); // [n, 1]
        return x.mul(inv.mmul(gain));                                 // [n, d]
    }

    /**
     * GELU, sigmoid form x·σ(1.702·x) (Hendrycks and Gimpel's second approximation), as ND4J's one fused
     * {@code gelu} op and its derivative op. The tanh form cost nine element-wise ops forward and nine
     * backward on the largest activation of the block; ND4J's {@code precise_gelu} is not the tanh form
     * (it drops the cubic term), see docs/dl4j-findings.md.
     */
    static SDVariable gelu(SameDiff sd, SDVariable x) {
        return sd.nn.gelu(x);
    }

    /**
     * {@code [n, in] × [in, out] + [1, out]} as one fused {@code xw_plus_b} op (and one backprop op), or the plain
     * matmul when {@code b} is null (a bias-free model).
     */
    static SDVariable linear(SameDiff sd, SDVariable x, SDVariable w, SDVariable b) {
        return b == null ? x.mmul(w) : sd.nn.linear(x, w, b.reshape(-1));
    }

    /**
     * {@code x}'s value with no gradient path back through it: a bitcast to the integer type of the same width and
     * back. SameDiff traces gradients only through floating-point variables, so nothing that {@code x} is computed
     * from is differentiated through this use. ({@code stop_gradient} does not cut: SameDiff still differentiates
     * its input, with a gradient of zeros, running every backward op upstream of it.)
     */
    static SDVariable withoutGradient(SameDiff sd, SDVariable x) {
        DataType type = x.dataType();
        DataType bits = switch (type.width()) {
            case 8 -> DataType.INT64;
            case 4 -> DataType.INT32;
            case 2 -> DataType.INT16;
            default -> throw new IllegalArgumentException("no integer type as wide as " + type);
        };
        return bitcast(sd, bitcast(sd, x, bits), type);
    }

    private static SDVariable bitcast(SameDiff sd, SDVariable x, DataType to) {
        DynamicCustomOp op = new DynamicCustomOp("bitcast", sd, new SDVariable[] {x}) {
            @Override
            public String opName() {
                return "bitcast";
            }

            @Override
            public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
                return List.of(to);
            }
        };
        op.addIArgument(to.toInt());
        return op.outputVariable();
    }
}
