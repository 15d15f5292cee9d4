package dev.tumbler.ingest.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;

/** Helpers shared by the reader tests: files written into a temp dir, and reading them back. */
public final class Fixtures {
    public static final long MB = 1L << 20;

    private Fixtures() {
    }

    public static Configuration conf() {
        return new Configuration();
    }

    public static InputFile input(Path path) throws IOException {
        String uri = path.toUri().toString();
        return new InputFile(uri, Files.size(path), InputFormats.detect(uri));
    }

    public static List<RawRecord> readAll(RecordReader reader, Path path) throws IOException {
        List<RawRecord> out = new ArrayList<>();
        Iterator<RawRecord> it = reader.read(input(path), conf());
        it.forEachRemaining(out::add);
        return out;
    }

    public static ReaderOptions options(long maxBytes) {
        ReaderOptions d = ReaderOptions.defaults();
        return new ReaderOptions(maxBytes, d.jsonlTextField(), d.jsonlUrlField(), d.jsonlTitleField(),
                d.parquetTextColumn(), d.parquetUrlColumn(), d.textMode());
    }

    public static ReaderOptions options(ReaderOptions.TextMode mode) {
        ReaderOptions d = ReaderOptions.defaults();
        return new ReaderOptions(d.maxDocumentBytes(), d.jsonlTextField(), d.jsonlUrlField(), d.jsonlTitleField(),
                d.parquetTextColumn(), d.parquetUrlColumn(), mode);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Keeps the first half of the file's bytes. */
    public static void cutInHalf(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        Files.write(path, java.util.Arrays.copyOf(all, all.length / 2));
    }

    /** The WARC header of a record whose block has {@code blockLength} bytes. */
    public static byte[] warcHeader(String type, String uri, String contentType, long blockLength) {
        return utf8("WARC/1.0\r\n"
                + "WARC-Type: " + type + "\r\n"
                + "WARC-Target-URI: " + uri + "\r\n"
                + "WARC-Date: 2024-05-01T12:00:00Z\r\n"
                + "WARC-Record-ID: <urn:uuid:" + UUID.randomUUID() + ">\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + blockLength + "\r\n\r\n");
    }

    public static byte[] warcRecord(String type, String uri, String contentType, byte[] block) {
        return concat(warcHeader(type, uri, contentType, block.length), block, utf8("\r\n\r\n"));
    }

    public static byte[] httpHeader(int status, String contentType, long bodyLength) {
        return utf8("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bodyLength + "\r\n\r\n");
    }

    /** A WARC response record carrying an HTTP response, written by hand. */
    public static byte[] response(String uri, int status, String contentType, byte[] body) {
        return warcRecord("response", uri, "application/http; msgtype=response",
                concat(httpHeader(status, contentType, body.length), body));
    }

    /** Writes {@code n} copies of {@code unit} to {@code out} without holding them all. */
    public static void repeat(OutputStream out, byte[] unit, long n) throws IOException {
        for (long i = 0; i < n; i++) {
            out.write(unit);
        }
    }

    /** A 1 KiB chunk of ASCII text used to build large payloads. */
    public static byte[] kib(char c) {
        byte[] b = new byte[1024];
        java.util.Arrays.fill(b, (byte) c);
        b[1023] = ' ';
        return b;
    }

    /**
     * Bytes allocated by this thread while {@code action} runs, measured on its second run so that
     * one-off class loading and file system set-up do not count.
     */
    public static long allocatedWhile(IORunnable action) throws IOException {
        action.run();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        action.run();
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        return allocated;
    }

    public interface IORunnable {
        void run() throws IOException;
    }
}
