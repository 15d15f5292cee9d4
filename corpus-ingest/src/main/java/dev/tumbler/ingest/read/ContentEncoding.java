package dev.tumbler.ingest.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** HTTP {@code Content-Encoding} handling for WARC response bodies. */
final class ContentEncoding {
    private ContentEncoding() {
    }

    /** True when the header says gzip and the body really starts with the gzip magic bytes. */
    static boolean isGzip(String encoding, byte[] body) {
        return (encoding.equals("gzip") || encoding.equals("x-gzip"))
                && body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
    }

    /** Gunzips a body with a size cap; null when it does not decode. */
    static CappedBytes gunzip(byte[] body, long cap) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return CappedBytes.read(in, cap, false);
        } catch (IOException e) {
            return null;
        }
    }
}
