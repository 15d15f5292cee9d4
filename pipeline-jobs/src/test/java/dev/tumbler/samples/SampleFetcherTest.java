package dev.tumbler.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFetcherTest {
    @TempDir Path cache;

    private static SampleSource source(String name, SourceResult result) {
        return new SampleSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SourceResult fetch(Path cacheDir, java.io.PrintStream log) {
                if (result == null) {
                    throw new IllegalStateException("boom");
                }
                return result;
            }
        };
    }

    @Test
    void oneFailingSourceDoesNotStopTheOthers() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SampleFetcher fetcher = new SampleFetcher(List.of(
                source("first", SourceResult.cached("first", "cached", List.of())),
                source("exploding", null),
                source("third", SourceResult.missing("third", "apt-get install -y thing"))));

        SampleReport report = fetcher.fetchAll(cache, log);

        assertEquals(List.of(SampleStatus.CACHED, SampleStatus.FAILED, SampleStatus.MISSING_PREREQUISITE),
                report.results().stream().map(SourceResult::status).toList());
        assertTrue(report.result("exploding").orElseThrow().message().contains("boom"));
        assertTrue(report.anyFailed());
        assertEquals(1, report.exitCode());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("SOURCE"), printed);
        assertTrue(printed.contains("apt-get install -y thing"), printed);
        String row = "^(first|exploding|third)\\s+(CACHED|FAILED|MISSING_PREREQUISITE)\\s.*";
        assertEquals(3, printed.lines().filter(l -> l.matches(row)).count() / 2,
                "one summary line and one table row per source");
    }

    @Test
    void fetchesSelectedSourcesAndRejectsUnknownNames() {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        SampleFetcher fetcher = new SampleFetcher(List.of(
                source("a", SourceResult.cached("a", "", List.of())),
                source("b", SourceResult.fetched("b", "", List.of()))));
        SampleReport report = fetcher.fetch(cache, log, List.of("b"));
        assertEquals(1, report.results().size());
        assertEquals(0, report.exitCode());
        assertThrows(IllegalArgumentException.class, () -> fetcher.fetch(cache, log, List.of("nope")));
    }

    @Test
    void defaultCacheDirHonoursTheEnvironment() {
        assertEquals(Path.of("/data/samples"), SampleFetcher.defaultCacheDir(
                Map.of("TUMBLER_SAMPLES", "/data/samples"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/tumbler/samples"), SampleFetcher.defaultCacheDir(Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/tumbler/samples"), SampleFetcher.defaultCacheDir(
                Map.of("TUMBLER_SAMPLES", " "), "/home/u"));
        assertTrue(SampleFetcher.defaultCacheDir().isAbsolute() || System.getenv("TUMBLER_SAMPLES") != null);
    }

    @Test
    void defaultSourcesHaveDistinctNames() {
        assertEquals(List.of("commoncrawl-npm", "debian-html", "europarl"), new SampleFetcher().sourceNames());
    }
}
