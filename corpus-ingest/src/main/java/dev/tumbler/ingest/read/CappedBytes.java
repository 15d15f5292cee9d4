package dev.tumbler.ingest.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A payload read with a size cap: either all its bytes, or (when it is larger than the cap) only the
 * count of bytes seen, without holding more than the cap in memory.
 */
final class CappedBytes {
    final byte[] bytes;      // null when over the cap
    final long size;         // bytes read; a lower bound when over the cap and not drained
    private CappedBytes(byte[] bytes, long size) {
        this.bytes = bytes;
        this.size = size;
    }

    boolean overCap() {
        return bytes == null;
    }

    /**
     * Reads {@code in} to its end, or until more than {@code cap} bytes were seen. When over the cap
     * and {@code drain} is set, reads on (discarding) to count the full size.
     */
    static CappedBytes read(InputStream in, long cap, boolean drain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap + 1, 1 << 16));
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            total += n;
            if (total > cap) {
                out = null;
                break;
            }
            out.write(chunk, 0, n);
        }
        if (out != null) {
            return new CappedBytes(out.toByteArray(), total);
        }
        if (drain) {
            while ((n = in.read(chunk)) >= 0) {
                total += n;
            }
        }
        return new CappedBytes(null, total);
    }
}
