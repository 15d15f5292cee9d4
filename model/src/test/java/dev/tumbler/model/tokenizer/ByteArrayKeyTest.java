package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteArrayKeyTest {
    @Test
    void equalByContentAndCopiesItsBytes() {
        byte[] bytes = {1, 2, 3};
        ByteArrayKey key = new ByteArrayKey(bytes);
        bytes[0] = 9;
        assertEquals(new ByteArrayKey(new byte[] {1, 2, 3}), key);
        assertEquals(new ByteArrayKey(new byte[] {1, 2, 3}).hashCode(), key.hashCode());
        key.toByteArray()[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, key.toByteArray());
        assertNotEquals(new ByteArrayKey(new byte[] {1, 2}), key);
    }

    @Test
    void ordersUnsignedLexicographically() {
        ByteArrayKey ascii = ByteArrayKey.utf8("z");
        ByteArrayKey high = new ByteArrayKey(new byte[] {(byte) 0x80});
        assertTrue(ascii.compareTo(high) < 0);
        assertTrue(ByteArrayKey.utf8("ab").compareTo(ByteArrayKey.utf8("abc")) < 0);
        assertEquals(0, ByteArrayKey.utf8("é").compareTo(new ByteArrayKey(new byte[] {(byte) 0xC3, (byte) 0xA9})));
        assertEquals("c3a9", ByteArrayKey.utf8("é").toString());
    }
}
