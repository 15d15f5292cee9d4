package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient functions are created without ND4J's per-op console lines, and other output still gets through. */
class QuietSameDiffTest {

    @Test
    void theFilterDropsOnlyTheNoiseLines() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        QuietSameDiff.LineFilter filter = new QuietSameDiff.LineFilter(
                new PrintStream(sink, true, StandardCharsets.UTF_8), QuietSameDiff.NOISE);
        PrintStream out = new PrintStream(filter, true, StandardCharsets.UTF_8);
        out.println("step 1 loss 3.2");
        out.println(QuietSameDiff.NOISE + "matmul");
        out.println("Added differentiated  (not the prefix)");
        out.print("partial");
        filter.drain();
        assertEquals("step 1 loss 3.2\nAdded differentiated  (not the prefix)\npartial",
                sink.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void createGradFunctionPrintsNoPerOpLinesAndRestoresStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            SameDiff sd = SameDiff.create();
            SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 3, 2));
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
            sd.setLossVariables(x.mmul(w).sum());
            QuietSameDiff.createGradFunction(sd, "x");
            assertTrue(sd.hasGradientFunction());
            assertSame(capture, System.out, "standard output is restored");
        } finally {
            System.setOut(original);
        }
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains(QuietSameDiff.NOISE.trim()),
                captured.toString(StandardCharsets.UTF_8));
    }
}
