package dev.tumbler.ingest.read;

import static dev.tumbler.ingest.read.Fixtures.MB;
import static dev.tumbler.ingest.read.Fixtures.readAll;
import static dev.tumbler.ingest.read.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
    @TempDir
    Path dir;

    private final JsonlReader reader = new JsonlReader(ReaderOptions.defaults());

    private static final String LINES = """
            {"text": "first doc", "url": "https://a.example/", "title": "A"}
            {"text": "second doc \\u00e9"}

            {"url": "https://no-text.example/"}
            {"text": null}
            {"text": 42}
            {"text": "broken"
            [1, 2, 3]
            {"text": "last"}
            """;

    @Test
    void readsLinesAndRejectsBadOnes() throws IOException {
        Path path = Files.writeString(dir.resolve("docs.jsonl"), LINES);
        List<RawRecord> records = readAll(reader, path);
        assertEquals(8, records.size(), records::toString);
        RawRecord first = records.get(0);
        assertEquals("first doc", first.text());
        assertEquals("https://a.example/", first.url());
        assertEquals("A", first.title());
        assertEquals("second doc \u00e9", records.get(1).text());
        assertNull(records.get(1).url());
        assertEquals(List.of("missing_text_field", "missing_text_field", "missing_text_field", "invalid_json",
                        "invalid_json"),
                records.subList(2, 7).stream().map(RawRecord::rejectReason).toList());
        assertEquals("https://no-text.example/", records.get(2).url());
        assertEquals(3, records.get(2).recordIndex()); // line number; the blank line is skipped
        assertEquals("last", records.get(7).text());
    }

    @Test
    void invalidUtf8LineIsRejected() throws IOException {
        Path path = Files.write(dir.resolve("bad.jsonl"), Fixtures.concat(
                utf8("{\"text\": \"a"), new byte[] {(byte) 0xC3, 0x28}, utf8("\"}\n{\"text\": \"ok\"}\n")));
        List<RawRecord> records = readAll(reader, path);
        assertEquals("invalid_utf8", records.get(0).rejectReason());
        assertEquals("ok", records.get(1).text());
    }

    @Test
    void zstdCompressedJsonl() throws IOException {
        Path path = dir.resolve("docs.jsonl.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(path))) {
            for (int i = 0; i < 1000; i++) {
                out.write(utf8("{\"text\": \"doc " + i + "\"}\n"));
            }
        }
        List<RawRecord> records = readAll(reader, path);
        assertEquals(1000, records.size());
        assertEquals("doc 999", records.get(999).text());
    }

    @Test
    void truncatedZstdAndGzipAreRejected() throws IOException {
        Path zst = dir.resolve("cut.jsonl.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
            for (int i = 0; i < 20000; i++) {
                out.write(utf8("{\"text\": \"doc " + i + " " + Integer.toHexString(i * 7919) + "\"}\n"));
            }
        }
        Fixtures.cutInHalf(zst);
        Path gz = dir.resolve("cut.jsonl.gz");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            sb.append("{\"text\": \"doc ").append(i).append(' ').append(Integer.toHexString(i * 7919)).append("\"}\n");
        }
        Files.write(gz, Fixtures.gzip(utf8(sb.toString())));
        Fixtures.cutInHalf(gz);
        for (Path p : List.of(zst, gz)) {
            List<RawRecord> records = readAll(reader, p);
            RawRecord last = records.get(records.size() - 1);
            assertEquals("truncated_input", last.rejectReason(), p::toString);
            assertEquals(-1, last.recordIndex());
            assertTrue(records.size() > 100);
        }
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        List<RawRecord> records = readAll(reader, Files.write(dir.resolve("e.jsonl"), new byte[0]));
        assertEquals(List.of("empty_file"), records.stream().map(RawRecord::rejectReason).toList());
    }

    @Test
    void fiftyMegabyteLineIsTooLargeAndNotBuffered() throws IOException {
        Path path = dir.resolve("big.jsonl");
        long size = 50 * MB;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            out.write(utf8("{\"text\": \""));
            Fixtures.repeat(out, Fixtures.kib('j'), size / 1024);
            out.write(utf8("\"}\n{\"text\": \"after\"}\n"));
        }
        JsonlReader small = new JsonlReader(Fixtures.options(8 * MB));
        AtomicReference<List<RawRecord>> holder = new AtomicReference<>();
        long allocated = Fixtures.allocatedWhile(() -> holder.set(readAll(small, path)));
        List<RawRecord> records = holder.get();
        assertEquals(2, records.size());
        assertEquals("too_large", records.get(0).rejectReason());
        assertTrue(records.get(0).payloadBytes() > size);
        assertEquals("after", records.get(1).text());
        assertTrue(allocated < 32 * MB, "allocated " + allocated + " bytes reading a 50 MB line");
    }
}
