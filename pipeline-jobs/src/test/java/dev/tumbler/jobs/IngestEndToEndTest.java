package dev.tumbler.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tumbler.cli.TumblerCli;
import dev.tumbler.ingest.testing.SharedSpark;
import dev.tumbler.samples.NpmWarcSample;
import dev.tumbler.samples.SampleFetcher;
import dev.tumbler.samples.SampleFile;
import dev.tumbler.samples.SourceResult;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import org.apache.hadoop.conf.Configuration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest of the real Common Crawl WARC and WET files (npm warc@1.0.1) plus planted documents:
 * exact and near duplicates and non-English text, through the CLI into an artifact store.
 */
@Tag("slow")
class IngestEndToEndTest {
    @TempDir
    static Path dir;
    static Path store;
    static String ref;
    static String stdout;

    @BeforeAll
    static void ingest() throws Exception {
        SourceResult sample = new NpmWarcSample().fetch(SampleFetcher.defaultCacheDir(), System.out);
        assertTrue(sample.status().ok(), "the Common Crawl sample is needed: " + sample.message());
        Path input = Files.createDirectories(dir.resolve("input"));
        for (SampleFile f : sample.files()) {
            String name = f.path().getFileName().toString();
            if (name.endsWith(".warc") || name.endsWith(".wet")) {
                Files.copy(f.path(), input.resolve(name));
            }
        }
        Files.write(input.resolve("planted.jsonl"), PlantedDocs.jsonlLines(), StandardCharsets.UTF_8);
        store = dir.resolve("store");
        SharedSpark.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = TumblerCli.execute("ingest", "--store", store.toString(), "--input", input.toString(),
                    "--name", "e2e", "--master", "local[2]");
        } finally {
            System.setOut(old);
        }
        stdout = out.toString(StandardCharsets.UTF_8);
        System.out.println(stdout);
        assertEquals(0, code, stdout);
        List<String> lines = stdout.strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("artifact: corpus/e2e/v"), last);
        ref = last.substring("artifact: ".length());
    }

    private static Path versionDir() {
        return store.resolve(ref);
    }

    private static Dataset<Row> documents() {
        SparkSession spark = SharedSpark.get();
        return spark.read().parquet(versionDir().resolve("documents").toString());
    }

    private static Dataset<Row> rejected() {
        return SharedSpark.get().read().parquet(versionDir().resolve("_rejected").toString());
    }

    @Test
    void everyRealCrawlRecordComesOutWithItsTextOrAReadReason() {
        // The 2014 sample holds three HTML responses, their three WET conversions and one binary
        // response. The pages are boilerplate (a photo gallery, a wiki "what links here"), so the
        // default quality filters drop them: their extracted text is in _rejected/ with the reason.
        List<Row> crawl = documents().select("source", "url", "text", "lang")
                .union(rejected().where(col("step").notEqual("read")).select("source", "url", "text", "lang"))
                .where(col("source").isin("warc", "wet")).collectAsList();
        assertEquals(6, crawl.size(), "3 HTML pages and 3 WET conversions");
        for (Row r : crawl) {
            assertTrue(r.getString(1).startsWith("http://"), r.toString());
            assertTrue(r.getString(2).length() > 300, "extracted text: " + r);
        }
        List<Row> readRejects = rejected().where(col("step").equalTo("read")).select("source", "reason").collectAsList();
        assertEquals(List.of("warc:non_html_payload"),
                readRejects.stream().map(r -> r.getString(0) + ":" + r.getString(1)).toList());
    }

    @Test
    void withTheMinimalPresetRealCrawlDocumentsAreKeptWithText() throws Exception {
        Path out = dir.resolve("minimal");
        Path preset = Path.of(System.getProperty("tumbler.repo.root", "..")).resolve("conf/ingest/minimal.yaml");
        int code = TumblerCli.execute("ingest", "--conf", preset.toString(), "--input", dir.resolve("input").toString(),
                "--output", out.toString(), "--master", "local[2]");
        assertEquals(0, code);
        List<Row> crawl = SharedSpark.get().read().parquet(out.resolve("documents").toString())
                .where(col("source").isin("warc", "wet")).collectAsList();
        assertTrue(crawl.size() >= 3, "crawl documents kept: " + crawl.size());
        for (Row r : crawl) {
            assertEquals("en", r.getString(r.fieldIndex("lang")));
            assertTrue(r.getString(r.fieldIndex("text")).length() > 300);
            assertEquals("minimal", r.getString(r.fieldIndex("snapshot")));
        }
        assertTrue(crawl.stream().anyMatch(r -> r.getString(r.fieldIndex("title")) != null
                && r.getString(r.fieldIndex("title")).contains("Whitespace")), "the HTML title is kept");
    }

    @Test
    void plantedDuplicatesAreRemovedKeepingExactlyOneOfEach() {
        Set<String> keptUrls = documents().select("url").collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet());
        long bees = keptUrls.stream().filter(u -> u.endsWith("/bees")).count();
        long library = keptUrls.stream().filter(u -> u.contains("/library")).count();
        assertEquals(1, bees, "one of the two exact copies is kept: " + keptUrls);
        assertEquals(1, library, "one of the two near duplicates is kept: " + keptUrls);
        assertTrue(keptUrls.contains("https://example.org/bread"));
        assertEquals(List.of(ref), documents().select("snapshot").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).toList());
        assertEquals(1, rejected().where(col("step").equalTo("dedup_exact")).count());
        assertEquals(1, rejected().where(col("step").equalTo("dedup_near")).count());
    }

    @Test
    void nonEnglishDocumentsAreRejectedWithTheLanguageReason() {
        List<Row> foreign = rejected().where(col("url").isin("https://example.de/bibliothek", "https://example.fr/bibliotheque"))
                .select("step", "reason", "lang").collectAsList();
        assertEquals(2, foreign.size());
        for (Row r : foreign) {
            assertEquals("language", r.getString(0));
            assertEquals("lang_not_allowed", r.getString(1));
        }
        assertEquals(Set.of("de", "fr"), foreign.stream().map(r -> r.getString(2)).collect(Collectors.toSet()));
    }

    @Test
    void statsAddUpAndMatchTheWrittenData() throws Exception {
        JsonNode stats = new ObjectMapper().readTree(versionDir().resolve("_stats.json").toFile());
        long records = stats.at("/input/records").asLong();
        long kept = stats.at("/output/documents").asLong();
        long rejectedCount = stats.at("/rejected/documents").asLong();
        assertEquals(records, kept + rejectedCount);
        assertEquals(documents().count(), kept);
        assertEquals(rejected().count(), rejectedCount);
        long byStep = 0;
        for (JsonNode reasons : stats.at("/rejected/by_step")) {
            for (JsonNode n : reasons) {
                byStep += n.asLong();
            }
        }
        assertEquals(rejectedCount, byStep);
        assertEquals(3, stats.at("/input/files").asInt());
        assertTrue(stats.at("/docs_per_second").asDouble() > 0);
    }

    @Test
    void theManifestIsWrittenLastAndVerifies() throws Exception {
        ArtifactStore artifacts = ArtifactStore.open(store.toString(), new Configuration());
        Manifest manifest = artifacts.manifest(ArtifactRef.parse(ref));
        assertEquals(Manifest.SCHEMA_VERSION, manifest.schemaVersion());
        assertTrue(manifest.files().containsKey("_stats.json"));
        assertTrue(manifest.files().keySet().stream().anyMatch(f -> f.startsWith("_rejected/")));
        assertEquals(List.of(), artifacts.verify(ArtifactRef.parse(ref)));
    }
}
