package dev.tumbler.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The API behind {@code tumbler samples fetch}: fetches real sample data into a cache folder and
 * verifies it. Sources: {@link NpmWarcSample} (Common Crawl WARC/WET/WAT from npm {@code
 * warc@1.0.1}), {@link DebianHtmlSample} (HTML from Debian documentation packages, wrapped into
 * WARCs) and {@link EuroparlSample} (multilingual Europarl lines from a Lucene test jar).
 *
 * <p>One source failing never stops the others; every outcome ends up in the {@link SampleReport}.
 */
public final class SampleFetcher {
    /** Environment variable naming the cache folder. */
    public static final String ENV_VAR = "TUMBLER_SAMPLES";

    private final List<SampleSource> sources;

    /** The three default sources with default settings. */
    public SampleFetcher() {
        this(defaultSources());
    }

    public SampleFetcher(List<? extends SampleSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public static List<SampleSource> defaultSources() {
        return List.of(new NpmWarcSample(), new DebianHtmlSample(), new EuroparlSample());
    }

    /** {@code $TUMBLER_SAMPLES} when set, else {@code ~/.cache/tumbler/samples}. */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultCacheDir(Map<String, String> env, String userHome) {
        String configured = env.get(ENV_VAR);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(userHome, ".cache", "tumbler", "samples");
    }

    public List<SampleSource> sources() {
        return sources;
    }

    public List<String> sourceNames() {
        return sources.stream().map(SampleSource::name).toList();
    }

    /** Fetches every source, printing a one-line summary per source and then the table. */
    public SampleReport fetchAll(Path cacheDir, PrintStream log) {
        return fetch(cacheDir, log, sourceNames());
    }

    /**
     * Fetches the named sources, in the fetcher's order.
     *
     * @throws IllegalArgumentException for a name no source has
     */
    public SampleReport fetch(Path cacheDir, PrintStream log, Collection<String> names) {
        Objects.requireNonNull(cacheDir, "cacheDir");
        for (String name : names) {
            if (!sourceNames().contains(name)) {
                throw new IllegalArgumentException("unknown sample source '" + name + "'; known: "
                        + String.join(", ", sourceNames()));
            }
        }
        log.printf("samples cache: %s%n", cacheDir.toAbsolutePath());
        List<SourceResult> results = new ArrayList<>();
        for (SampleSource source : sources) {
            if (!names.contains(source.name())) {
                continue;
            }
            SourceResult result = run(source, cacheDir, log);
            log.printf("%-16s %-20s %s%n", result.name(), result.status(), result.message());
            results.add(result);
        }
        SampleReport report = new SampleReport(cacheDir, results);
        log.println();
        report.print(log);
        log.flush();
        return report;
    }

    public SourceResult fetchNpmWarc(Path cacheDir, PrintStream log) {
        return run(source(NpmWarcSample.NAME, NpmWarcSample::new), cacheDir, log);
    }

    public SourceResult fetchDebianHtml(Path cacheDir, PrintStream log) {
        return run(source(DebianHtmlSample.NAME, DebianHtmlSample::new), cacheDir, log);
    }

    public SourceResult fetchEuroparl(Path cacheDir, PrintStream log) {
        return run(source(EuroparlSample.NAME, EuroparlSample::new), cacheDir, log);
    }

    private SampleSource source(String name, Supplier<SampleSource> fallback) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst().orElseGet(fallback);
    }

    /** Runs one source; an exception (or a null result) becomes a FAILED result. */
    static SourceResult run(SampleSource source, Path cacheDir, PrintStream log) {
        try {
            SourceResult result = source.fetch(cacheDir, log);
            return result != null ? result : SourceResult.failed(source.name(), "source returned no result");
        } catch (RuntimeException | LinkageError e) {
            log.printf("[%s] FAILED: %s%n", source.name(), e);
            return SourceResult.failed(source.name(), "unexpected error: " + e);
        }
    }
}
