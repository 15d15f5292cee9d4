package dev.tumbler.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in {@code \n} (a trailing {@code \r} is dropped). A line
 * longer than the cap is counted to its end but not kept, so one huge line never sits in memory.
 */
final class LineSource {
    private final InputStream in;
    private final long cap;
    private final byte[] buf = new byte[CompressedInput.BUFFER_SIZE];
    private int pos;
    private int limit;
    private boolean eof;

    private byte[] line = new byte[256];
    private int lineLength;
    private long lineBytes;
    private boolean tooLong;
    private long lineNumber = -1;

    LineSource(InputStream in, long cap) {
        this.in = in;
        this.cap = cap;
    }

    /** Advances to the next line; false at the end of input. */
    boolean next() throws IOException {
        lineLength = 0;
        lineBytes = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            append(start, end - start);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        if (!tooLong && lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        lineNumber++;
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(int from, int n) {
        lineBytes += n;
        if (tooLong) {
            return;
        }
        if (lineBytes > cap) {
            tooLong = true;
            lineLength = 0;
            if (line.length > 1 << 16) {
                line = new byte[256];
            }
            return;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buf, from, line, lineLength, n);
        lineLength += n;
    }

    /** The current line's bytes (valid up to {@link #length()}); empty when {@link #tooLong()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return lineLength;
    }

    /** Bytes of the current line as read, without the {@code \n}. */
    long lineBytes() {
        return lineBytes;
    }

    boolean tooLong() {
        return tooLong;
    }

    /** 0-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** True when the current line holds only spaces, tabs or nothing. */
    boolean blank() {
        if (tooLong) {
            return false;
        }
        for (int i = 0; i < lineLength; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f') {
                return false;
            }
        }
        return true;
    }
}
