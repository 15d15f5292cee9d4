package dev.tumbler.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedTokensTest {
    @Test
    void roundTripsAnyInt() {
        int[] tokens = {0, 1, -1, 255, 256, 65_535, 100_277, Integer.MAX_VALUE, Integer.MIN_VALUE, -123_456_789};
        assertArrayEquals(tokens, PackedTokens.decode(PackedTokens.encode(tokens)));

        Random random = new Random(42);
        int[] many = random.ints(4097).toArray();
        assertArrayEquals(many, PackedTokens.decode(PackedTokens.encode(many)));
        assertArrayEquals(new int[0], PackedTokens.decode(PackedTokens.encode(new int[0])));
    }

    @Test
    void isLittleEndianInt32() {
        byte[] bytes = PackedTokens.encode(new int[] {0x01020304, -2});
        assertArrayEquals(new byte[] {4, 3, 2, 1, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, bytes);
    }

    @Test
    void decodesASlice() {
        byte[] bytes = PackedTokens.encode(new int[] {9, 8, 7, 6});
        assertArrayEquals(new int[] {8, 7}, PackedTokens.decode(bytes, 4, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> PackedTokens.decode(bytes, 12, 8));
    }

    @Test
    void rejectsLengthNotAMultipleOfFour() {
        var e = assertThrows(IllegalArgumentException.class, () -> PackedTokens.decode(new byte[10]));
        assertTrue(e.getMessage().contains("10 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("2 left over"), e.getMessage());
        assertEquals(3, PackedTokens.decode(new byte[12]).length);
    }
}
