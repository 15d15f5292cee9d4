package dev.tumbler.ingest.read;

import static dev.tumbler.ingest.read.Fixtures.MB;
import static dev.tumbler.ingest.read.Fixtures.concat;
import static dev.tumbler.ingest.read.Fixtures.readAll;
import static dev.tumbler.ingest.read.Fixtures.response;
import static dev.tumbler.ingest.read.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

class WarcReaderTest {
    @TempDir
    Path dir;

    private final WarcReader reader = new WarcReader(ReaderOptions.defaults());

    private static WarcResponse jwarcResponse(String url, int status, String type, byte[] body) throws IOException {
        HttpResponse http = new HttpResponse.Builder(status, "X").body(MediaType.parse(type), body).build();
        return new WarcResponse.Builder(URI.create(url)).body(http).build();
    }

    private Path writeWithJwarc(String name, WarcCompression compression, int pages) throws IOException {
        Path path = dir.resolve(name);
        try (WarcWriter w = new WarcWriter(FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), compression)) {
            w.write(new Warcinfo.Builder().fields(java.util.Map.of("software", java.util.List.of("test"))).build());
            for (int i = 0; i < pages; i++) {
                String url = "https://example.com/" + i;
                w.write(new WarcRequest.Builder(URI.create(url))
                        .body(new HttpRequest.Builder("GET", "/" + i).build()).build());
                w.write(jwarcResponse(url, 200, "text/html; charset=utf-8",
                        utf8("<html><body><p>page " + i + " caf\u00e9 " + "x".repeat(2000) + "</p></body></html>")));
            }
        }
        return path;
    }

    @Test
    void readsHtmlResponsesAndSkipsOtherRecordTypes() throws IOException {
        List<RawRecord> records = readAll(reader, writeWithJwarc("a.warc", WarcCompression.NONE, 3));
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            RawRecord r = records.get(i);
            assertFalse(r.rejected(), r::toString);
            assertEquals("https://example.com/" + i, r.url());
            assertEquals("warc", r.source());
            assertTrue(r.html().contains("page " + i + " caf\u00e9"));
            assertNull(r.text());
            assertEquals(2 + 2L * i, r.recordIndex()); // warcinfo, then request/response pairs
        }
    }

    @Test
    void readsEveryMemberOfAMultiMemberGzip() throws IOException {
        Path path = writeWithJwarc("a.warc.gz", WarcCompression.GZIP, 20);
        List<RawRecord> records = readAll(reader, path);
        assertEquals(20, records.size());
        assertTrue(records.stream().noneMatch(RawRecord::rejected));
    }

    @Test
    void truncatedGzipKeepsEarlierRecordsThenRejects() throws IOException {
        Path path = writeWithJwarc("cut.warc.gz", WarcCompression.GZIP, 20);
        Fixtures.cutInHalf(path);
        List<RawRecord> records = readAll(reader, path);
        RawRecord last = records.get(records.size() - 1);
        assertEquals("truncated_input", last.rejectReason());
        assertEquals(-1, last.recordIndex());
        List<RawRecord> good = records.subList(0, records.size() - 1);
        assertTrue(good.size() >= 5 && good.size() < 20, "records before the cut: " + good.size());
        assertTrue(good.stream().noneMatch(RawRecord::rejected));
        assertEquals("https://example.com/0", good.get(0).url());
    }

    @Test
    void truncatedUncompressedWarcRejectsAtTheEnd() throws IOException {
        Path path = writeWithJwarc("cut.warc", WarcCompression.NONE, 10);
        Fixtures.cutInHalf(path);
        List<RawRecord> records = readAll(reader, path);
        assertEquals("truncated_input", records.get(records.size() - 1).rejectReason());
        assertFalse(records.get(0).rejected());
    }

    @Test
    void garbageBetweenRecordsIsMalformedAndReadingGoesOn() throws IOException {
        Path path = dir.resolve("garbage.warc");
        Files.write(path, concat(
                response("https://a.example/", 200, "text/html", utf8("<p>first</p>")),
                utf8("THIS IS NOT A WARC HEADER\r\n\r\n"),
                response("https://b.example/", 200, "text/html", utf8("<p>second</p>"))));
        List<RawRecord> records = readAll(reader, path);
        assertEquals(3, records.size(), records::toString);
        assertEquals("https://a.example/", records.get(0).url());
        assertEquals("malformed_record", records.get(1).rejectReason());
        assertEquals("https://b.example/", records.get(2).url());
        assertTrue(records.get(2).html().contains("second"));
    }

    @Test
    void badHttpHeaderInsideARecordIsMalformed() throws IOException {
        Path path = dir.resolve("badhttp.warc");
        Files.write(path, concat(
                Fixtures.warcRecord("response", "https://bad.example/", "application/http; msgtype=response",
                        utf8("NOT HTTP AT ALL\u0000\r\n\r\nbody")),
                response("https://ok.example/", 200, "text/html", utf8("<p>ok</p>"))));
        List<RawRecord> records = readAll(reader, path);
        assertEquals(2, records.size(), records::toString);
        assertEquals("malformed_record", records.get(0).rejectReason());
        assertEquals("https://bad.example/", records.get(0).url());
        assertEquals("https://ok.example/", records.get(1).url());
    }

    @Test
    void invalidUtf8InAUtf8PageIsRejected() throws IOException {
        Path path = dir.resolve("bad-utf8.warc");
        byte[] body = concat(utf8("<html><body><p>bad "), new byte[] {(byte) 0xC3, 0x28}, utf8("</p></body></html>"));
        Files.write(path, concat(
                response("https://u.example/", 200, "text/html; charset=UTF-8", body),
                response("https://v.example/", 200, "text/html", body)));
        List<RawRecord> records = readAll(reader, path);
        assertEquals(2, records.size());
        assertEquals("invalid_utf8", records.get(0).rejectReason());
        assertEquals("invalid_utf8", records.get(1).rejectReason()); // UTF-8 by default
    }

    @Test
    void charsetComesFromMetaWhenHttpHasNone() throws IOException {
        Path path = dir.resolve("latin.warc");
        byte[] body = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">"
                + "</head><body>caf\u00e9 \u20ac</body></html>").getBytes(Charset.forName("ISO-8859-15"));
        byte[] body2 = ("<meta charset='windows-1252'><p>na\u00efve</p>").getBytes(Charset.forName("windows-1252"));
        Files.write(path, concat(response("https://l.example/", 200, "text/html", body),
                response("https://w.example/", 200, "text/html", body2)));
        List<RawRecord> records = readAll(reader, path);
        assertTrue(records.get(0).html().contains("caf\u00e9 \u20ac"), records.get(0)::toString);
        assertTrue(records.get(1).html().contains("na\u00efve"));
    }

    @Test
    void nonHtmlPayloadAndHttpErrorsAreRejected() throws IOException {
        Path path = dir.resolve("mixed.warc");
        Files.write(path, concat(
                response("https://img.example/x.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
                response("https://doc.example/x.pdf", 200, "application/pdf", utf8("%PDF-1.4")),
                response("https://gone.example/", 404, "text/html", utf8("<p>not found</p>")),
                response("https://x.example/", 200, "application/xhtml+xml", utf8("<p>xhtml</p>"))));
        List<RawRecord> records = readAll(reader, path);
        assertEquals(List.of("non_html_payload", "non_html_payload", "http_status"),
                records.subList(0, 3).stream().map(RawRecord::rejectReason).toList());
        assertFalse(records.get(3).rejected());
    }

    @Test
    void emptyFilesAreRejectedOnce() throws IOException {
        Path plain = Files.write(dir.resolve("empty.warc"), new byte[0]);
        Path gz = Files.write(dir.resolve("empty.warc.gz"), Fixtures.gzip(new byte[0]));
        for (Path p : List.of(plain, gz)) {
            List<RawRecord> records = readAll(reader, p);
            assertEquals(1, records.size());
            assertEquals("empty_file", records.get(0).rejectReason());
            assertEquals(-1, records.get(0).recordIndex());
        }
    }

    @Test
    void fiftyMegabyteResponseIsTooLargeAndNotBuffered() throws IOException {
        Path path = dir.resolve("big.warc");
        long bodyLength = 50 * MB;
        byte[] httpHeader = Fixtures.httpHeader(200, "text/html", bodyLength);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            out.write(Fixtures.warcHeader("response", "https://big.example/", "application/http; msgtype=response",
                    httpHeader.length + bodyLength));
            out.write(httpHeader);
            Fixtures.repeat(out, Fixtures.kib('a'), bodyLength / 1024);
            out.write(utf8("\r\n\r\n"));
            out.write(response("https://after.example/", 200, "text/html", utf8("<p>after</p>")));
        }
        WarcReader small = new WarcReader(Fixtures.options(8 * MB));
        AtomicReference<List<RawRecord>> holder = new AtomicReference<>();
        long allocated = Fixtures.allocatedWhile(() -> holder.set(readAll(small, path)));
        List<RawRecord> records = holder.get();
        assertEquals(2, records.size());
        assertEquals("too_large", records.get(0).rejectReason());
        assertEquals("https://big.example/", records.get(0).url());
        assertEquals("https://after.example/", records.get(1).url());
        assertTrue(allocated < 8 * MB, "allocated " + allocated + " bytes reading a 50 MB record");
    }

    @Test
    void readsThroughReadersFactory() throws IOException {
        Path path = writeWithJwarc("f.warc.gz", WarcCompression.GZIP, 2);
        RecordReader r = Readers.forFormat(InputFormats.detect(path.toString()), ReaderOptions.defaults());
        assertTrue(r instanceof WarcReader);
        assertEquals(2, readAll(r, path).size());
    }
}
