package dev.tumbler.model.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalculatorTest {
    private final Calculator calc = new Calculator();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 + 2 * 3 | 7",
            "(1 + 2) * 3 | 9",
            "2 ** 3 ** 2 | 512",
            "-2 ** 2 | -4",
            "2 ** -1 | 0.5",
            "7 // 2 | 3",
            "-7 // 2 | -4",
            "7 // -2 | -4",
            "-7 % 3 | 2",
            "7 % -3 | -2",
            "10 / 4 | 2.5",
            "1 / 3 | 0.3333333333333333333333333333333333",
            "0.1 + 0.2 | 0.3",
            "1.5 * 4 | 6",
            "7.5 // 2 | 3",
            "-7.5 % 2 | 0.5",
            "2 ** 100 | 1267650600228229401496703205376",
            "123456789123456789 * 987654321987654321 | 121932631356500531347203169112635269",
            "1_000 + 1 | 1001",
            "count(\"strawberry\", \"r\") | 3",
            "\"strawberry\".count(\"r\") | 3",
            "len(\"hello\") | 5",
            "len('') | 0",
            "abs(-3.5) | 3.5",
            "print(6 * 7) | 42",
            "count('banana', 'ana') | 1",
    })
    void evaluatesExactly(String expression, String expected) {
        assertEquals(expected, calc.run(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 / 0 | division by zero",
            "5 // 0 | division by zero",
            "5 % 0.0 | division by zero",
            "2 ** 10000000 | result too large",
            "10 ** 10 ** 10 | result too large",
            "(2 ** 60000) * (2 ** 60000) | result too large",
            "2 ** 0.5 | only integer exponents",
            "import os | unknown name 'import'",
            "__import__('os') | unknown function '__import__'",
            "open('x') | unknown function 'open'",
            "1 + | unexpected end",
            "(1 + 2 | expected ')'",
            "'abc' - 1 | unsupported operand",
            "1; 2 | unexpected character",
            "\"abc | unterminated string",
            "len(3) | len() needs a string",
    })
    void errorsComeBackAsText(String expression, String expectedPart) {
        String out = calc.run(expression);
        assertTrue(out.startsWith("error: ") && out.contains(expectedPart), expression + " -> " + out);
    }

    @Test
    void hugeInputsAreRefusedQuickly() {
        long t0 = System.nanoTime();
        assertTrue(calc.run("9".repeat(3000)).startsWith("error: expression longer"));
        assertTrue(calc.run("(".repeat(500) + "1" + ")".repeat(500)).contains("nested deeper"));
        assertTrue(calc.run("99999999999 ** 99999999999").contains("result too large"));
        assertTrue((System.nanoTime() - t0) / 1e9 < 2.0, "refusals are cheap");
    }
}
