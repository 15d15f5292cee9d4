package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link SdOps#withoutGradient} keeps a value and removes its gradient path, in single and double precision. */
class SdOpsTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void withoutGradientKeepsTheValueAndCutsTheGradient(DataType type) {
        INDArray x0 = Nd4j.linspace(-2, 2, 12, type).reshape(3, 4);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", x0.dup());
        SDVariable fixed = SdOps.withoutGradient(sd, x.mul(x)).rename("fixed");     // x², held fixed
        sd.setLossVariables(fixed.mul(x).sum().rename("loss"));                    // sum(x³) in value

        Map<String, INDArray> out = sd.output(Map.of(), "fixed", "loss");
        assertEquals(x0.mul(x0), out.get("fixed"));
        assertEquals(type, out.get("fixed").dataType());
        assertEquals(x0.mul(x0).mul(x0).sumNumber().doubleValue(), out.get("loss").getDouble(0), 1e-5);
        // d/dx of sum(c·x) with c = x² held fixed is x² (3x² if the gradient went through the square too).
        QuietSameDiff.createGradFunction(sd);                                       // without the per-op lines
        INDArray grad = sd.calculateGradients(Map.of(), List.of("x")).get("x");
        assertEquals(x0.mul(x0), grad);
    }
}
