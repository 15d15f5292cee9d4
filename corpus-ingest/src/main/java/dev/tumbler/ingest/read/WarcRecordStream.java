package dev.tumbler.ingest.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;

/**
 * jwarc records from a decompressed WARC stream, with recovery from a record header jwarc cannot
 * parse: jwarc itself gives up after a {@link org.netpreserve.jwarc.ParsingException}, so this class
 * owns the read buffer, skips to the next line starting with {@code WARC/} and starts a fresh jwarc
 * reader there.
 */
final class WarcRecordStream {
    private static final byte[] MAGIC = {'W', 'A', 'R', 'C', '/'};

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(CompressedInput.BUFFER_SIZE);
    private org.netpreserve.jwarc.WarcReader reader;

    WarcRecordStream(TrackedInputStream in) throws IOException {
        this.channel = Channels.newChannel(in);
        buffer.flip();
        this.reader = new org.netpreserve.jwarc.WarcReader(channel, buffer);
    }

    /** The next record, or null at the end; the previous record's body is skipped. */
    WarcRecord next() throws IOException {
        return reader.next().orElse(null);
    }

    /**
     * After a header parse failure, skips to the next {@code WARC/} line and restarts there. Returns
     * false when there is none, or when jwarc decompresses by itself (its own buffer is then not ours).
     */
    boolean resync() throws IOException {
        if (reader.compression() != WarcCompression.NONE) {
            return false;
        }
        if (!fill(1)) {
            return false;
        }
        byte prev = buffer.get(); // the byte jwarc failed on: skip it so that we always advance
        while (fill(MAGIC.length)) {
            int p = buffer.position();
            if (prev == '\n' && startsWithMagic(p)) {
                reader = new org.netpreserve.jwarc.WarcReader(channel, buffer);
                return true;
            }
            prev = buffer.get();
        }
        return false;
    }

    private boolean startsWithMagic(int p) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (buffer.get(p + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Makes at least {@code n} bytes readable in the buffer; false if the input ends first. */
    private boolean fill(int n) throws IOException {
        while (buffer.remaining() < n) {
            buffer.compact();
            int r = channel.read(buffer);
            buffer.flip();
            if (r < 0) {
                return buffer.remaining() >= n;
            }
        }
        return true;
    }
}
