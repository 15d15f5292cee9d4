package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private final LrSchedule s = new LrSchedule(1e-3, 1e-4, 100, 1100);

    @Test
    void warmupRisesLinearlyToPeak() {
        assertEquals(1e-5, s.valueAt(0, 0), 1e-12);
        assertEquals(5e-4, s.valueAt(49, 0), 1e-12);
        assertEquals(1e-3, s.valueAt(99, 0), 1e-12);
        assertEquals(1e-3, s.valueAt(100, 0), 1e-12);
    }

    @Test
    void cosineHitsMidpointAndFloor() {
        assertEquals(5.5e-4, s.valueAt(600, 0), 1e-12);
        assertEquals(1e-4, s.valueAt(1100, 0), 1e-12);
        assertEquals(1e-4, s.valueAt(5000, 3), 1e-12);
    }

    @Test
    void decaysMonotonicallyAfterWarmup() {
        for (int i = 100; i < 1200; i++) {
            assertTrue(s.valueAt(i + 1, 0) <= s.valueAt(i, 0), "at " + i);
        }
    }

    @Test
    void ignoresEpochAndClonesEqual() {
        assertEquals(s.valueAt(300, 0), s.valueAt(300, 9));
        assertEquals(s.valueAt(300, 0), s.clone().valueAt(300, 0));
    }

    @Test
    void rejectsBadBounds() {
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(1e-3, 1e-4, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(1e-3, 1e-2, 1, 10));
    }
}
