package dev.tumbler.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.store.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

class NpmWarcSampleTest {
    @TempDir Path cache;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private static final Map<String, String> CONTENT = Map.of(
            "a.warc", "WARC/1.0 fake warc\n",
            "a.warc.wet", "WARC/1.0 fake wet\n",
            "a.warc.wat", "WARC/1.0 fake wat\n");

    private static Map<String, String> expected() {
        Map<String, String> m = new LinkedHashMap<>();
        CONTENT.forEach((k, v) -> m.put(k, Sha256.ofBytes(v.getBytes(StandardCharsets.UTF_8))));
        return m;
    }

    /** A fake {@code npm pack}: writes a tgz with the fixtures (with {@code override} applied). */
    private static NpmWarcSample.TarballFetcher fakeNpm(AtomicInteger calls, Map<String, String> override) {
        return (tempDir, log) -> {
            calls.incrementAndGet();
            TarBuilder tar = new TarBuilder().directory("package/").file("package/package.json", "{}");
            CONTENT.forEach((name, text) -> tar.file(NpmWarcSample.FIXTURES + name, override.getOrDefault(name, text)));
            Path tgz = tempDir.resolve("warc-1.0.1.tgz");
            Files.write(tgz, tar.tgz());
            return tgz;
        };
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fetchesVerifiesAndThenReportsCached() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        NpmWarcSample sample = new NpmWarcSample(fakeNpm(calls, Map.of()), expected());

        SourceResult first = sample.fetch(cache, log);
        assertEquals(SampleStatus.FETCHED, first.status(), first.message());
        assertEquals(3, first.files().size());
        for (SampleFile f : first.files()) {
            assertEquals(expected().get(f.path().getFileName().toString()), f.sha256());
            assertEquals(Files.size(f.path()), f.bytes());
        }
        assertEquals("WARC/1.0 fake wet\n", Files.readString(cache.resolve("commoncrawl/a.warc.wet")));

        SourceResult second = sample.fetch(cache, log);
        assertEquals(SampleStatus.CACHED, second.status());
        assertEquals(1, calls.get(), "a valid cache must not run npm again");
        assertTrue(log().contains("cached"));
        try (var leftovers = Files.list(cache.resolve("commoncrawl"))) {
            assertEquals(3, leftovers.count(), "no temp folders left behind");
        }
    }

    @Test
    void tamperedCachedFileIsRejectedAndFetchedAgain() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        NpmWarcSample sample = new NpmWarcSample(fakeNpm(calls, Map.of()), expected());
        assertEquals(SampleStatus.FETCHED, sample.fetch(cache, log).status());

        Path warc = cache.resolve("commoncrawl/a.warc");
        Files.writeString(warc, "tampered");
        SourceResult again = sample.fetch(cache, log);

        assertEquals(SampleStatus.FETCHED, again.status(), again.message());
        assertEquals(2, calls.get());
        assertEquals("WARC/1.0 fake warc\n", Files.readString(warc));
        assertTrue(log().contains("sha256 mismatch for cached"), log());
    }

    @Test
    void downloadWithWrongHashFailsAndLeavesNoFile() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        NpmWarcSample sample = new NpmWarcSample(fakeNpm(calls, Map.of("a.warc.wat", "evil")), expected());

        SourceResult result = sample.fetch(cache, log);

        assertEquals(SampleStatus.FAILED, result.status());
        assertTrue(result.message().contains("sha256 mismatch for a.warc.wat"), result.message());
        assertTrue(result.message().contains(expected().get("a.warc.wat")), result.message());
        assertFalse(Files.exists(cache.resolve("commoncrawl/a.warc.wat")));
    }

    @Test
    void missingFixtureInTarballFails() {
        NpmWarcSample.TarballFetcher empty = (tempDir, log) -> {
            Path tgz = tempDir.resolve("x.tgz");
            Files.write(tgz, new TarBuilder().file("package/package.json", "{}").tgz());
            return tgz;
        };
        SourceResult result = new NpmWarcSample(empty, expected()).fetch(cache, log);
        assertEquals(SampleStatus.FAILED, result.status());
        assertTrue(result.message().contains("has no package/test/fixtures/a.warc"), result.message());
    }

    @Test
    void missingNpmSaysWhatToInstall() {
        SourceResult result = new NpmWarcSample("npm-not-installed-" + System.nanoTime()).fetch(cache, log);
        assertEquals(SampleStatus.MISSING_PREREQUISITE, result.status());
        assertEquals(NpmWarcSample.NPM_HINT, result.message());
        assertTrue(log().contains("install Node.js/npm (apt-get install npm) to fetch warc@1.0.1"), log());
    }

    @Test
    @Tag("slow")
    @Tag("network")
    void realNpmPackGivesThePinnedCommonCrawlFiles() throws IOException {
        SourceResult result = new NpmWarcSample().fetch(cache, log);
        assertEquals(SampleStatus.FETCHED, result.status(), result.message() + "\n" + log());
        for (Map.Entry<String, String> e : NpmWarcSample.PINNED_SHA256.entrySet()) {
            assertEquals(e.getValue(), Sha256.ofFile(cache.resolve("commoncrawl").resolve(e.getKey())));
        }
        int responses = 0;
        try (WarcReader reader = new WarcReader(cache.resolve("commoncrawl").resolve(NpmWarcSample.BASE))) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResponse) {
                    responses++;
                }
            }
        }
        assertTrue(responses > 0, "the Common Crawl WARC has response records");
        assertEquals(SampleStatus.CACHED, new NpmWarcSample().fetch(cache, log).status());
    }
}
