package dev.tumbler.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    private static String uri(Path p) {
        return p.toUri().toString();
    }

    @Test
    void detectsFormatsAfterCompressionSuffix() {
        assertEquals(InputFormat.WARC, InputFormats.detect("s3a://b/CC-MAIN-1.warc.gz"));
        assertEquals(InputFormat.WET, InputFormats.detect("s3a://b/CC-MAIN-1.warc.wet.gz"));
        assertEquals(InputFormat.WET, InputFormats.detect("/x/a.wet"));
        assertEquals(InputFormat.JSONL, InputFormats.detect("/x/a.jsonl.zst"));
        assertEquals(InputFormat.JSONL, InputFormats.detect("/x/a.NDJSON"));
        assertEquals(InputFormat.JSONL, InputFormats.detect("/x/a.json.zstd"));
        assertEquals(InputFormat.TEXT, InputFormats.detect("/x/a.txt.gz"));
        assertEquals(InputFormat.TEXT, InputFormats.detect("/x/a.text"));
        assertEquals(InputFormat.PARQUET, InputFormats.detect("hdfs://n/x/part-0.parquet"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputFormats.detect("/x/readme.md"));
        assertTrue(e.getMessage().contains("/x/readme.md"));
    }

    @Test
    void expandsDirectoriesAndGlobsSkippingHiddenFiles() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("in/sub"));
        Files.writeString(dir.resolve("in/b.jsonl"), "{}");
        Files.writeString(sub.resolve("a.txt"), "x");
        Files.writeString(dir.resolve("in/_SUCCESS"), "");
        Files.writeString(dir.resolve("in/.b.jsonl.crc"), "");
        Files.createDirectories(dir.resolve("in/_temporary"));
        Files.writeString(dir.resolve("in/_temporary/c.txt"), "x");
        Files.writeString(dir.resolve("g1.warc.gz"), "x");
        Files.writeString(dir.resolve("g2.warc.gz"), "xy");
        List<InputFile> files = InputFiles.list(
                List.of(uri(dir.resolve("in")), dir.resolve("g*.warc.gz").toString()), Fixtures.conf());
        List<String> names = files.stream().map(f -> f.uri().substring(f.uri().lastIndexOf('/') + 1)).toList();
        assertEquals(List.of("g1.warc.gz", "g2.warc.gz", "b.jsonl", "a.txt"), names);
        List<String> sorted = files.stream().map(InputFile::uri).sorted().toList();
        assertEquals(sorted, files.stream().map(InputFile::uri).toList());
        assertEquals(InputFormat.WARC, files.get(0).format());
        assertEquals(2, files.get(1).sizeBytes());
    }

    @Test
    void missingPathFailsBeforeAnyWork() throws IOException {
        Files.writeString(dir.resolve("ok.txt"), "x");
        String missing = uri(dir.resolve("nope"));
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> InputFiles.list(List.of(uri(dir.resolve("ok.txt")), missing), Fixtures.conf()));
        assertEquals("input path does not exist: " + missing, e.getMessage());
        assertThrows(FileNotFoundException.class,
                () -> InputFiles.list(List.of(dir.resolve("none-*.txt").toString()), Fixtures.conf()));
    }

    @Test
    void emptyExpansionFails() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        IOException e = assertThrows(IOException.class, () -> InputFiles.list(List.of(uri(empty)), Fixtures.conf()));
        assertTrue(e.getMessage().contains("no readable files"), e.getMessage());
    }

    @Test
    void compressedInputOpensGzipZstdAndRaw() throws IOException {
        byte[] data = Fixtures.utf8("hello\n");
        Path gz = Files.write(dir.resolve("a.txt.gz"), Fixtures.concat(Fixtures.gzip(data), Fixtures.gzip(data)));
        try (InputStream in = CompressedInput.open(uri(gz), Fixtures.conf())) {
            assertEquals("hello\nhello\n", new String(in.readAllBytes()));
        }
        assertEquals(CompressedInput.Compression.ZSTD, CompressedInput.compressionOf("x.jsonl.zstd"));
        assertEquals("x.jsonl", CompressedInput.stripCompressionSuffix("x.jsonl.zst"));
        Path raw = Files.write(dir.resolve("a.txt"), data);
        try (InputStream in = CompressedInput.open(uri(raw), Fixtures.conf())) {
            assertEquals("hello\n", new String(in.readAllBytes()));
        }
    }
}
