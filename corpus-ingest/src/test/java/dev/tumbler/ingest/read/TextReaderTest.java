package dev.tumbler.ingest.read;

import static dev.tumbler.ingest.read.Fixtures.MB;
import static dev.tumbler.ingest.read.Fixtures.readAll;
import static dev.tumbler.ingest.read.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReaderTest {
    @TempDir
    Path dir;

    private static final String TEXT = "First paragraph,\nstill first.\n\n\n  \nSecond \u00e9 paragraph.\r\n\r\nThird.\n";

    private static List<String> texts(List<RawRecord> records) {
        return records.stream().map(RawRecord::text).toList();
    }

    @Test
    void fileModeIsOneDocumentWithTheFileUri() throws IOException {
        Path path = Files.writeString(dir.resolve("a.txt"), TEXT);
        List<RawRecord> records = readAll(new TextReader(ReaderOptions.defaults()), path);
        assertEquals(1, records.size());
        assertEquals(TEXT, records.get(0).text());
        assertEquals(path.toUri().toString(), records.get(0).url());
        assertEquals("text", records.get(0).source());
    }

    @Test
    void paragraphMode() throws IOException {
        Path path = Files.writeString(dir.resolve("p.txt"), TEXT);
        List<RawRecord> records = readAll(new TextReader(Fixtures.options(ReaderOptions.TextMode.PARAGRAPH)), path);
        assertEquals(List.of("First paragraph,\nstill first.", "Second \u00e9 paragraph.", "Third."), texts(records));
        assertEquals(List.of(0L, 1L, 2L), records.stream().map(RawRecord::recordIndex).toList());
    }

    @Test
    void lineModeOnGzipText() throws IOException {
        Path path = Files.write(dir.resolve("l.txt.gz"), Fixtures.gzip(utf8(TEXT)));
        List<RawRecord> records = readAll(new TextReader(Fixtures.options(ReaderOptions.TextMode.LINE)), path);
        assertEquals(List.of("First paragraph,", "still first.", "Second \u00e9 paragraph.", "Third."), texts(records));
        assertEquals(5, records.get(2).recordIndex());
    }

    @Test
    void invalidUtf8IsRejectedInEachMode() throws IOException {
        Path path = Files.write(dir.resolve("bad.txt"),
                Fixtures.concat(utf8("good line\n\nbad "), new byte[] {(byte) 0xC3, 0x28}, utf8(" line\n")));
        assertEquals("invalid_utf8", readAll(new TextReader(ReaderOptions.defaults()), path).get(0).rejectReason());
        for (ReaderOptions.TextMode mode : List.of(ReaderOptions.TextMode.LINE, ReaderOptions.TextMode.PARAGRAPH)) {
            List<RawRecord> records = readAll(new TextReader(Fixtures.options(mode)), path);
            assertEquals("good line", records.get(0).text());
            assertEquals("invalid_utf8", records.get(1).rejectReason());
        }
    }

    @Test
    void emptyAndTruncatedFiles() throws IOException {
        Path empty = Files.write(dir.resolve("e.txt.gz"), Fixtures.gzip(new byte[0]));
        assertEquals("empty_file", readAll(new TextReader(ReaderOptions.defaults()), empty).get(0).rejectReason());
        Path cut = Files.write(dir.resolve("cut.txt.gz"), Fixtures.gzip(utf8("line of text number\n".repeat(50000))));
        Fixtures.cutInHalf(cut);
        List<RawRecord> records = readAll(new TextReader(Fixtures.options(ReaderOptions.TextMode.LINE)), cut);
        assertEquals("truncated_input", records.get(records.size() - 1).rejectReason());
        assertTrue(records.size() > 10);
    }

    @Test
    void fiftyMegabyteFileIsTooLargeAndNotBuffered() throws IOException {
        Path path = dir.resolve("big.txt");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            Fixtures.repeat(out, Fixtures.kib('t'), 50 * 1024);
        }
        AtomicReference<List<RawRecord>> holder = new AtomicReference<>();
        long allocated = Fixtures.allocatedWhile(
                () -> holder.set(readAll(new TextReader(Fixtures.options(8 * MB)), path)));
        assertEquals(1, holder.get().size());
        assertEquals("too_large", holder.get().get(0).rejectReason());
        assertEquals(50 * MB, holder.get().get(0).payloadBytes());
        assertTrue(allocated < 32 * MB, "allocated " + allocated);
    }

    @Test
    void oversizedParagraphIsSkippedAndTheNextOneRead() throws IOException {
        Path path = dir.resolve("paras.txt");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            for (int i = 0; i < 3 * 1024; i++) {
                out.write(Fixtures.kib('p'));
                out.write('\n');
            }
            out.write(utf8("\nsmall paragraph\n"));
        }
        ReaderOptions opts = new ReaderOptions(MB, "text", "url", "title", "text", "url",
                ReaderOptions.TextMode.PARAGRAPH);
        List<RawRecord> records = readAll(new TextReader(opts), path);
        assertEquals("too_large", records.get(0).rejectReason());
        assertEquals("small paragraph", records.get(1).text());
    }
}
