package dev.tumbler.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenWindowTest {
    @Test
    void seqLenIsOneLessThanTokens() {
        assertEquals(3, TokenWindow.of(new int[] {1, 2, 3, 4}).seqLen());
        assertEquals(1, new TokenWindow(new int[] {5, 6}, new float[] {0.5f}).seqLen());
    }

    @Test
    void rejectsMaskOfWrongLength() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TokenWindow(new int[] {1, 2, 3, 4}, new float[] {1f, 1f, 1f, 1f}));
        assertTrue(e.getMessage().contains("length 4"), e.getMessage());
        assertTrue(e.getMessage().contains("expected lossMask length 3"), e.getMessage());
    }

    @Test
    void rejectsTooFewTokensAndNonFiniteWeights() {
        assertThrows(IllegalArgumentException.class, () -> TokenWindow.of(new int[] {7}));
        assertThrows(NullPointerException.class, () -> TokenWindow.of(null));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TokenWindow(new int[] {1, 2, 3}, new float[] {1f, Float.NaN}));
        assertTrue(e.getMessage().contains("lossMask[1]"), e.getMessage());
    }

    @Test
    void acceptsNegativeAndFractionalWeights() {
        // Advantage weighting: a negative advantage pushes the prediction down.
        new TokenWindow(new int[] {1, 2, 3}, new float[] {-0.75f, 0.25f});
    }
}
