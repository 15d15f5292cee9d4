package dev.tumbler.ingest.read;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Opens an {@link InputFile} through the Hadoop {@code FileSystem} and undoes its compression, chosen
 * by file name: {@code .gz} (multi-member gzip, as in {@code .warc.gz}), {@code .zst}/{@code .zstd},
 * anything else raw. The returned stream is buffered; a file of 0 bytes opens as an empty stream.
 */
public final class CompressedInput {

    /** The compression a file name declares. */
    public enum Compression { NONE, GZIP, ZSTD }

    static final int BUFFER_SIZE = 1 << 16;

    private CompressedInput() {
    }

    /** The compression declared by the suffix of {@code uri}. */
    public static Compression compressionOf(String uri) {
        String name = uri.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return Compression.GZIP;
        }
        if (name.endsWith(".zst") || name.endsWith(".zstd")) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    /** {@code uri} without its compression suffix, if it has one. */
    public static String stripCompressionSuffix(String uri) {
        String name = uri.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {".gz", ".zst", ".zstd"}) {
            if (name.endsWith(suffix)) {
                return uri.substring(0, uri.length() - suffix.length());
            }
        }
        return uri;
    }

    /** Opens {@code uri} decompressed and buffered. The caller closes the stream. */
    public static InputStream open(String uri, Configuration conf) throws IOException {
        return openTracked(uri, conf);
    }

    /**
     * Opens {@code uri} as a {@link TrackedInputStream}: I/O failures of the file system itself surface
     * as {@link SourceIOException}; anything else the stream throws comes from decoding the bytes.
     */
    static TrackedInputStream openTracked(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        InputStream fsIn = path.getFileSystem(conf).open(path);
        BufferedInputStream raw = new BufferedInputStream(new SourceStream(fsIn), BUFFER_SIZE);
        try {
            raw.mark(1);
            if (raw.read() < 0) {
                raw.close();
                return new TrackedInputStream(new ByteArrayInputStream(new byte[0]));
            }
            raw.reset();
            InputStream decoded = switch (compressionOf(uri)) {
                case GZIP -> new GZIPInputStream(new AlwaysAvailable(raw), BUFFER_SIZE);
                case ZSTD -> new ZstdInputStream(raw);
                case NONE -> raw;
            };
            InputStream buffered = decoded == raw ? raw : new BufferedInputStream(decoded, BUFFER_SIZE);
            return new TrackedInputStream(buffered);
        } catch (IOException | RuntimeException e) {
            raw.close();
            if (e instanceof SourceIOException) {
                throw (SourceIOException) e;
            }
            // a corrupt compression header: hand back a stream that fails on first read so the
            // reader turns it into a rejection like any other decoding failure
            return new TrackedInputStream(new FailingInputStream(e));
        }
    }

    /**
     * {@link GZIPInputStream} only looks for a further gzip member when {@code available() > 0}, which
     * remote file systems often report as 0 at a member boundary; claiming at least one byte makes it
     * always try, and a real end of input then ends the stream as it should.
     */
    private static final class AlwaysAvailable extends FilterInputStream {
        AlwaysAvailable(InputStream in) {
            super(in);
        }

        @Override
        public int available() throws IOException {
            return Math.max(1, super.available());
        }
    }

    /** Marks I/O failures of the underlying file system stream. */
    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw SourceIOException.wrap(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw SourceIOException.wrap(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw SourceIOException.wrap(e);
            }
        }
    }

    /** A stream whose first read rethrows the failure met while opening it. */
    private static final class FailingInputStream extends InputStream {
        private final Exception failure;

        FailingInputStream(Exception failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw new IOException(failure.getMessage(), failure);
        }
    }
}
