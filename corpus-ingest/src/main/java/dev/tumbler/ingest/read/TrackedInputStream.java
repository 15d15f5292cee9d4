package dev.tumbler.ingest.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers whether the decoded input ended or failed, so a reader can tell a record it could not
 * parse (go on with the next one) from input that stopped under it (the file is truncated or corrupt).
 */
final class TrackedInputStream extends FilterInputStream {
    private boolean ended;
    private IOException failure;

    TrackedInputStream(InputStream in) {
        super(in);
    }

    /** True once a read returned end of input. */
    boolean ended() {
        return ended;
    }

    /** The exception a read threw, or null. */
    IOException failure() {
        return failure;
    }

    /** True when the input is used up or broken: any later parse error is then truncation. */
    boolean exhausted() {
        return ended || failure != null;
    }

    /** True when no byte is left; reads ahead one byte through the buffered stream underneath. */
    boolean atEnd() throws IOException {
        if (!in.markSupported()) {
            return false;
        }
        in.mark(1);
        if (read() < 0) {
            return true;
        }
        in.reset();
        return false;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b < 0) {
                ended = true;
            }
            return b;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n < 0) {
                ended = true;
            }
            return n;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
