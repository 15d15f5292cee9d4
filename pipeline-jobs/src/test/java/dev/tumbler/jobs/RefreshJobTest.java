package dev.tumbler.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.cli.TumblerCli;
import dev.tumbler.ingest.refresh.InputLedger;
import dev.tumbler.ingest.refresh.LedgerEntry;
import dev.tumbler.ingest.testing.SharedSpark;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tumbler refresh} through the CLI: only new files are read, new documents are deduplicated
 * against the previous snapshot, the new version is the complete corpus with lineage, a second run
 * is a no-op, and a refresh that fails leaves the ledger (the newest snapshot) as it was.
 */
@Tag("slow")
class RefreshJobTest {
    @TempDir
    Path dir;

    private record Run(int code, String out) {
        String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private static Run cli(String... args) {
        SharedSpark.get();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = TumblerCli.execute(args);
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return new Run(code, text);
    }

    private static String json(String url, String text) {
        return "{\"url\": \"" + url + "\", \"text\": \"" + text + "\"}";
    }

    private Path day1(Path in) throws Exception {
        return Files.write(in.resolve("day1.jsonl"), List.of(json("https://a.example/library", PlantedDocs.LIBRARY),
                json("https://a.example/bees", PlantedDocs.BEES)), StandardCharsets.UTF_8);
    }

    private Path day2(Path in) throws Exception {
        return Files.write(in.resolve("day2.jsonl"), List.of(
                json("https://b.example/library-copy", PlantedDocs.LIBRARY),      // exact copy of a previous document
                json("https://b.example/library-edit", PlantedDocs.LIBRARY_NEAR), // near copy of a previous document
                json("https://b.example/bread", PlantedDocs.BREAD),
                json("https://c.example/bread", PlantedDocs.BREAD)), StandardCharsets.UTF_8);  // copy among the new
    }

    private static Set<String> column(Path documents, String name) {
        return SharedSpark.get().read().parquet(documents.toString()).select(col(name)).collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet());
    }

    @Test
    void refreshReadsOnlyNewFilesDeduplicatesAgainstThePreviousSnapshotAndThenIsANoOp() throws Exception {
        String store = dir.resolve("store").toString();
        Path in = Files.createDirectories(dir.resolve("in"));
        day1(in);
        Run first = cli("ingest", "--store", store, "--input", in.toString(), "--name", "web", "--master", "local[2]");
        assertEquals("artifact: corpus/web/v1", first.lastLine(), first.out());
        Path v1 = dir.resolve("store/corpus/web/v1");
        Set<String> v1Ids = column(v1.resolve("documents"), "doc_id");
        assertEquals(2, v1Ids.size());

        day2(in);
        Run refresh = cli("refresh", "--store", store, "--input", in.toString(), "--corpus", "web", "--master", "local[2]");
        assertEquals(0, refresh.code(), refresh.out());
        assertEquals("artifact: corpus/web/v2", refresh.lastLine());
        assertTrue(refresh.out().contains("1 new input files") && refresh.out().contains("1 already in the ledger of corpus/web/v1"),
                refresh.out());

        Path v2 = dir.resolve("store/corpus/web/v2");
        Set<String> v2Ids = column(v2.resolve("documents"), "doc_id");
        assertEquals(3, v2Ids.size(), "library + bees (previous) + one bread (new)");
        assertTrue(v2Ids.containsAll(v1Ids), "a refreshed snapshot holds every previous document");
        // Of the two new bread copies the smaller doc_id is kept; ids hash the input path, so either may win.
        Set<String> v2Urls = column(v2.resolve("documents"), "url");
        String keptBread = v2Urls.contains("https://b.example/bread") ? "https://b.example/bread" : "https://c.example/bread";
        String droppedBread = keptBread.startsWith("https://b.") ? "https://c.example/bread" : "https://b.example/bread";
        assertEquals(Set.of("https://a.example/library", "https://a.example/bees", keptBread), v2Urls);
        Map<String, String> rejected = SharedSpark.get().read().parquet(v2.resolve("_rejected").toString())
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("url"), r -> r.<String>getAs("reason")));
        assertEquals(Map.of("https://b.example/library-copy", "exact_duplicate",
                "https://b.example/library-edit", "near_duplicate",
                droppedBread, "exact_duplicate"), rejected);
        List<Row> newSnapshots = SharedSpark.get().read().parquet(v2.resolve("documents").toString())
                .where(col("url").equalTo(keptBread)).select(col("snapshot")).collectAsList();
        assertEquals("corpus/web/v2", newSnapshots.get(0).getString(0));

        ArtifactStore artifacts = ArtifactStore.open(store, new Configuration());
        Manifest manifest = artifacts.manifest(ArtifactRef.parse("corpus/web/v2"));
        assertEquals(List.of("corpus/web/v1"), manifest.inputs(), "lineage names the previous snapshot");
        assertEquals(3, ((Number) ((Map<?, ?>) manifest.metrics().get("output")).get("documents")).intValue());
        assertEquals(1, ((Number) ((Map<?, ?>) manifest.metrics().get("refresh")).get("added_documents")).intValue());
        assertEquals(List.of(), artifacts.verify(ArtifactRef.parse("corpus/web/v2")));
        assertTrue(manifest.files().containsKey(InputLedger.FILE_NAME), "the ledger is hashed with the snapshot");
        InputLedger ledger = InputLedger.read(new org.apache.hadoop.fs.Path(v2.toUri()), new Configuration()).orElseThrow();
        assertEquals(List.of("corpus/web/v1", "corpus/web/v2"), ledger.entries().stream().map(LedgerEntry::snapshot).toList());

        Run again = cli("refresh", "--store", store, "--input", in.toString(), "--corpus", "web", "--master", "local[2]");
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("no new input files") && again.out().contains("nothing to do"), again.out());
        assertEquals("artifact: corpus/web/v2", again.lastLine());
        assertEquals(2, artifacts.versions(ArtifactKind.CORPUS, "web").size(), "a no-op publishes nothing");

        // The refreshed snapshot is a complete corpus for the next phase.
        Run tokenizer = cli("tokenizer", "train", "--store", store, "--corpus", "corpus/web", "--vocab-size", "300",
                "--name", "web", "--master", "local[2]");
        assertEquals(0, tokenizer.code(), tokenizer.out());
        assertEquals(List.of("corpus/web/v2"), artifacts.manifest(ArtifactRef.parse("tokenizer/web")).inputs());
    }

    @Test
    void aRefreshThatFailsMidwayLeavesTheLedgerUnchanged() throws Exception {
        String store = dir.resolve("store").toString();
        Path in = Files.createDirectories(dir.resolve("in"));
        day1(in);
        assertEquals(0, cli("refresh", "--store", store, "--input", in.toString(), "--corpus", "web",
                "--master", "local[2]").code(), "a first refresh ingests into v1");
        Path v1 = dir.resolve("store/corpus/web/v1");
        byte[] ledgerBefore = Files.readAllBytes(v1.resolve(InputLedger.FILE_NAME));
        day2(in);
        // Damage the previous snapshot's documents: the refresh fails while deduplicating against them.
        Path part;
        try (Stream<Path> files = Files.list(v1.resolve("documents"))) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(part);
        Files.write(part, "not parquet".getBytes(StandardCharsets.UTF_8));
        Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
        Run failed = cli("refresh", "--store", store, "--input", in.toString(), "--corpus", "web", "--master", "local[2]");
        assertEquals(1, failed.code(), failed.out());

        ArtifactStore artifacts = ArtifactStore.open(store, new Configuration());
        assertEquals(List.of(ArtifactRef.parse("corpus/web/v1")), artifacts.versions(ArtifactKind.CORPUS, "web"));
        assertTrue(java.util.Arrays.equals(ledgerBefore, Files.readAllBytes(v1.resolve(InputLedger.FILE_NAME))));
        try (Stream<Path> staged = Files.list(dir.resolve("store/_staging"))) {
            assertFalse(staged.findAny().isPresent(), "the failed refresh's staging directory is removed");
        }

        // Repaired, the next refresh still sees day2 as new: the failure recorded nothing.
        Files.write(part, good);
        Run retry = cli("refresh", "--store", store, "--input", in.toString(), "--corpus", "web", "--master", "local[2]");
        assertEquals(0, retry.code(), retry.out());
        assertTrue(retry.out().contains("1 new input files"), retry.out());
        assertTrue(retry.lastLine().startsWith("artifact: corpus/web/v"), retry.out());
    }
}
