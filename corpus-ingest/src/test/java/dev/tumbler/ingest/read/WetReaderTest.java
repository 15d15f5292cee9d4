package dev.tumbler.ingest.read;

import static dev.tumbler.ingest.read.Fixtures.MB;
import static dev.tumbler.ingest.read.Fixtures.concat;
import static dev.tumbler.ingest.read.Fixtures.readAll;
import static dev.tumbler.ingest.read.Fixtures.utf8;
import static dev.tumbler.ingest.read.Fixtures.warcRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcWriter;

class WetReaderTest {
    @TempDir
    Path dir;

    private final WetReader reader = new WetReader(ReaderOptions.defaults());

    private static byte[] conversion(String uri, byte[] text) {
        return warcRecord("conversion", uri, "text/plain", text);
    }

    private Path writeGz(String name, int n) throws IOException {
        Path path = dir.resolve(name);
        try (WarcWriter w = new WarcWriter(FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), WarcCompression.GZIP)) {
            for (int i = 0; i < n; i++) {
                w.write(new WarcConversion.Builder().setHeader("WARC-Target-URI", "https://wet.example/" + i)
                        .body(MediaType.PLAIN_TEXT, utf8("text number " + i + " \u00fcber " + "y".repeat(3000))).build());
            }
        }
        return path;
    }

    @Test
    void readsConversionRecordsWithTheirUrls() throws IOException {
        Path path = dir.resolve("a.warc.wet");
        Files.write(path, concat(
                warcRecord("warcinfo", "", "application/warc-fields", utf8("software: test\r\n")),
                conversion("https://a.example/", utf8("Hello world.\nSecond line.")),
                conversion("https://b.example/", utf8("Gr\u00fc\u00dfe"))));
        List<RawRecord> records = readAll(reader, path);
        assertEquals(2, records.size());
        assertEquals("https://a.example/", records.get(0).url());
        assertEquals("Hello world.\nSecond line.", records.get(0).text());
        assertNull(records.get(0).html());
        assertEquals("Gr\u00fc\u00dfe", records.get(1).text());
        assertEquals("wet", records.get(1).source());
    }

    @Test
    void gzipWetReadsAllAndTruncatedGzipRejects() throws IOException {
        assertEquals(15, readAll(reader, writeGz("all.warc.wet.gz", 15)).size());
        Path cut = writeGz("cut.warc.wet.gz", 15);
        Fixtures.cutInHalf(cut);
        List<RawRecord> records = readAll(reader, cut);
        RawRecord last = records.get(records.size() - 1);
        assertEquals("truncated_input", last.rejectReason());
        assertEquals(-1, last.recordIndex());
        assertTrue(records.size() > 3);
        assertTrue(records.subList(0, records.size() - 1).stream().noneMatch(RawRecord::rejected));
    }

    @Test
    void malformedRecordAndInvalidUtf8AreRejected() throws IOException {
        Path path = dir.resolve("bad.wet");
        Files.write(path, concat(
                conversion("https://bad.example/", new byte[] {'a', (byte) 0xC3, 0x28}),
                utf8("garbage\r\n"),
                conversion("https://ok.example/", utf8("fine"))));
        List<RawRecord> records = readAll(reader, path);
        assertEquals(List.of("invalid_utf8", "malformed_record"),
                records.subList(0, 2).stream().map(RawRecord::rejectReason).toList());
        assertEquals("fine", records.get(2).text());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        List<RawRecord> records = readAll(reader, Files.write(dir.resolve("e.wet.gz"), Fixtures.gzip(new byte[0])));
        assertEquals(1, records.size());
        assertEquals("empty_file", records.get(0).rejectReason());
    }

    @Test
    void oversizedRecordIsSkippedAndTheNextOneRead() throws IOException {
        Path path = dir.resolve("big.wet");
        long size = 20 * MB;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            out.write(Fixtures.warcHeader("conversion", "https://big.example/", "text/plain", size));
            Fixtures.repeat(out, Fixtures.kib('w'), size / 1024);
            out.write(utf8("\r\n\r\n"));
            out.write(conversion("https://next.example/", utf8("next")));
        }
        List<RawRecord> records = readAll(new WetReader(Fixtures.options(MB)), path);
        assertEquals("too_large", records.get(0).rejectReason());
        assertEquals(size, records.get(0).payloadBytes());
        assertFalse(records.get(1).rejected());
        assertEquals("next", records.get(1).text());
    }
}
