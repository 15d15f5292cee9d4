package dev.tumbler.ingest.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.read.InputFile;
import dev.tumbler.ingest.read.InputFiles;
import dev.tumbler.ingest.read.InputFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLedgerTest {
    @TempDir
    Path dir;

    private static InputFile file(String uri, long bytes, long modified, String etag) {
        return new InputFile(uri, bytes, InputFormat.JSONL, modified, etag);
    }

    @Test
    void onlyFilesMissingFromTheLedgerOrChangedSinceAreUnprocessed() {
        InputLedger ledger = InputLedger.empty().with(List.of(file("a", 10, 100, null), file("b", 20, 200, null)), "corpus/c/v1");
        List<InputFile> listed = List.of(file("a", 10, 100, null), file("b", 20, 201, null), file("c", 5, 1, null));
        assertEquals(List.of("b", "c"), ledger.unprocessed(listed).stream().map(InputFile::uri).toList());
        assertEquals(List.of("b"), ledger.changed(listed).stream().map(InputFile::uri).toList());
        assertEquals(List.of(), ledger.with(listed, "corpus/c/v2").unprocessed(listed));
    }

    @Test
    void anEtagDecidesWhereBothSidesHaveOne() {
        InputLedger ledger = InputLedger.empty().with(List.of(file("s3a://b/k", 10, 100, "\"e1\"")), "corpus/c/v1");
        // Object stores may report a new time for the same object (a copy); the ETag says it is the same.
        assertEquals(List.of(), ledger.unprocessed(List.of(file("s3a://b/k", 10, 999, "\"e1\""))));
        assertEquals(1, ledger.unprocessed(List.of(file("s3a://b/k", 10, 100, "\"e2\""))).size());
        assertEquals(1, ledger.unprocessed(List.of(file("s3a://b/k", 11, 100, "\"e1\""))).size());
    }

    @Test
    void writesReadsAndRecordsWhichSnapshotReadEachFile() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, List.of("{\"text\": \"x\"}"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(input, FileTime.fromMillis(1_700_000_000_000L));
        Configuration conf = new Configuration();
        List<InputFile> listed = InputFiles.list(List.of(input.toString()), conf);
        assertEquals(1_700_000_000_000L, listed.get(0).modifiedMillis());
        InputLedger ledger = InputLedger.empty().with(listed, "corpus/c/v1");
        org.apache.hadoop.fs.Path snapshot = new org.apache.hadoop.fs.Path(dir.resolve("v1").toUri());
        ledger.write(snapshot, conf);
        InputLedger back = InputLedger.read(snapshot, conf).orElseThrow();
        assertEquals(ledger, back);
        assertEquals("corpus/c/v1", back.entries().get(0).snapshot());
        assertTrue(InputLedger.read(new org.apache.hadoop.fs.Path(dir.resolve("none").toUri()), conf).isEmpty());
        // Touching the file makes it a new input again.
        Files.setLastModifiedTime(input, FileTime.fromMillis(1_700_000_060_000L));
        assertEquals(1, back.unprocessed(InputFiles.list(List.of(input.toString()), conf)).size());
    }
}
