package dev.tumbler.ingest.read;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A UTF-8 decoder that reports malformed input instead of replacing it. Not thread-safe. */
final class StrictUtf8 {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Decodes {@code len} bytes at {@code off}, dropping a leading byte order mark. */
    String decode(byte[] bytes, int off, int len) throws CharacterCodingException {
        if (len >= 3 && bytes[off] == (byte) 0xEF && bytes[off + 1] == (byte) 0xBB && bytes[off + 2] == (byte) 0xBF) {
            off += 3;
            len -= 3;
        }
        return decoder.reset().decode(ByteBuffer.wrap(bytes, off, len)).toString();
    }

    /** Decodes the remaining bytes of {@code bytes}. */
    String decode(ByteBuffer bytes) throws CharacterCodingException {
        return decoder.reset().decode(bytes).toString();
    }

    /** A short description of a decoding failure for a rejection detail. */
    static String detail(CharacterCodingException e) {
        return "malformed UTF-8: " + e;
    }
}
