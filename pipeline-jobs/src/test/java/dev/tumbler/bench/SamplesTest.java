package dev.tumbler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void statisticsOfAnOddCount() {
        Samples s = new Samples(new double[] {3, 1, 10});
        assertEquals(3, s.median());
        assertEquals(14.0 / 3, s.mean(), 1e-12);
        assertEquals(1, s.min());
        assertEquals(10, s.max());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, new Samples(new double[] {4, 1, 2, 3}).median());
    }

    @Test
    void keepsItsOwnCopyAndRefusesNoSamples() {
        double[] values = {1, 2, 3};
        Samples s = new Samples(values);
        values[1] = 100;
        assertEquals(2, s.median());
        assertThrows(IllegalArgumentException.class, () -> new Samples(new double[0]));
    }
}
