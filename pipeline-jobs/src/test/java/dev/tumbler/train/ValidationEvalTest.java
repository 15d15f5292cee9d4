package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ValidationEvalTest {
    @Test
    void bitsPerByteIsNatsOverLn2OverBytesPerToken() {
        assertEquals(1.0, ValidationEval.bitsPerByte(Math.log(2) * 4, 4), 1e-12);
    }
}
