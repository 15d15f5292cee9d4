package dev.tumbler.samples;

import dev.tumbler.store.LocalFiles;
import dev.tumbler.store.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Real Common Crawl files (a WARC, its WET and its WAT, from crawl CC-MAIN-2014-35) shipped as test
 * fixtures in the npm package {@code warc@1.0.1}. They are fetched with {@code npm pack}, unpacked
 * in pure Java, verified against the sha256 values pinned here and copied into {@code
 * <cache>/commoncrawl/}.
 */
public final class NpmWarcSample implements SampleSource {
    public static final String NAME = "commoncrawl-npm";
    public static final String PACKAGE_SPEC = "warc@1.0.1";
    public static final String SUBDIR = "commoncrawl";
    public static final String NPM_HINT = "install Node.js/npm (apt-get install npm) to fetch " + PACKAGE_SPEC;

    static final String FIXTURES = "package/test/fixtures/";
    static final String BASE = "CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc";

    /** File name in the cache → pinned sha256 (computed from {@code npm pack warc@1.0.1}). */
    public static final Map<String, String> PINNED_SHA256 = pinned();

    private static Map<String, String> pinned() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BASE, "627039a633e80b8a4b6b3e5f202bdca89ab776612b0cd270fc65240b5fd25bb8"); // 256305 bytes
        m.put(BASE + ".wet", "a829f01571baaa46df586d1e193a572e6e9c4eed91d0b3e0cbabb31b0a0d18bc"); // 4296 bytes
        m.put(BASE + ".wat", "fbcedb539902d851abe146fa0c2be0c5bc16e1dcdb2f0953063ddc9051caadc3"); // 18533 bytes
        return Collections.unmodifiableMap(m);
    }

    /** Produces the package tarball (a .tgz) inside {@code tempDir}. */
    @FunctionalInterface
    interface TarballFetcher {
        /**
         * @throws Commands.NotFoundException when the tool that fetches it is not installed
         */
        Path fetch(Path tempDir, PrintStream log) throws IOException;
    }

    private final TarballFetcher fetcher;
    private final Map<String, String> expected;

    public NpmWarcSample() {
        this("npm");
    }

    /** @param npmExecutable the npm command to run, e.g. {@code npm} or an absolute path */
    public NpmWarcSample(String npmExecutable) {
        this(npmPack(npmExecutable), PINNED_SHA256);
    }

    NpmWarcSample(TarballFetcher fetcher, Map<String, String> expected) {
        this.fetcher = Objects.requireNonNull(fetcher);
        this.expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceResult fetch(Path cacheDir, PrintStream log) {
        Path dir = cacheDir.resolve(SUBDIR);
        try {
            if (cachedAndValid(dir, log)) {
                log.printf("[%s] cached: %d files in %s%n", NAME, expected.size(), dir);
                return SourceResult.cached(NAME, "cached", files(dir));
            }
            Files.createDirectories(dir);
            Path temp = Files.createTempDirectory(dir, ".npm-pack-");
            try {
                Path tgz;
                try {
                    log.printf("[%s] npm pack %s%n", NAME, PACKAGE_SPEC);
                    tgz = fetcher.fetch(temp, log);
                } catch (Commands.NotFoundException e) {
                    log.printf("[%s] %s%n", NAME, NPM_HINT);
                    return SourceResult.missing(NAME, NPM_HINT);
                }
                Path unpacked = temp.resolve("unpacked");
                try (InputStream in = Files.newInputStream(tgz);
                        TarReader tar = TarReader.gzipped(in)) {
                    TarReader.Entry entry;
                    while ((entry = tar.next()) != null) {
                        String name = entry.name();
                        if (entry.isFile() && name.startsWith(FIXTURES)
                                && expected.containsKey(name.substring(FIXTURES.length()))) {
                            Path target = unpacked.resolve(name.substring(FIXTURES.length()));
                            Files.createDirectories(unpacked);
                            Files.copy(tar.content(), target);
                        }
                    }
                }
                List<String> problems = new ArrayList<>();
                for (Map.Entry<String, String> e : expected.entrySet()) {
                    Path file = unpacked.resolve(e.getKey());
                    if (!Files.isRegularFile(file)) {
                        problems.add(PACKAGE_SPEC + " has no " + FIXTURES + e.getKey());
                        continue;
                    }
                    String actual = Sha256.ofFile(file);
                    if (!actual.equalsIgnoreCase(e.getValue())) {
                        Files.delete(file);
                        problems.add("sha256 mismatch for " + e.getKey() + ": expected " + e.getValue()
                                + ", got " + actual + " (file deleted)");
                    }
                }
                if (!problems.isEmpty()) {
                    String message = String.join("; ", problems);
                    log.printf("[%s] FAILED: %s%n", NAME, message);
                    return SourceResult.failed(NAME, message);
                }
                for (String name : expected.keySet()) {
                    CacheFiles.moveReplacing(unpacked.resolve(name), dir.resolve(name));
                }
            } finally {
                LocalFiles.deleteRecursively(temp);
            }
            log.printf("[%s] fetched %d files into %s%n", NAME, expected.size(), dir);
            return SourceResult.fetched(NAME, "fetched " + PACKAGE_SPEC + " fixtures, sha256 verified", files(dir));
        } catch (IOException | RuntimeException e) {
            String message = "could not fetch " + PACKAGE_SPEC + ": " + e;
            log.printf("[%s] FAILED: %s%n", NAME, message);
            return SourceResult.failed(NAME, message);
        }
    }

    /** True when every expected file is present with its pinned hash; deletes any that is not. */
    private boolean cachedAndValid(Path dir, PrintStream log) throws IOException {
        boolean all = true;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.exists(file)) {
                all = false;
            } else if (!Sha256.matches(file, e.getValue())) {
                log.printf("[%s] sha256 mismatch for cached %s; deleting it and fetching again%n", NAME, file);
                Files.delete(file);
                all = false;
            }
        }
        return all;
    }

    private List<SampleFile> files(Path dir) throws IOException {
        List<SampleFile> files = new ArrayList<>();
        for (String name : expected.keySet()) {
            files.add(SampleFile.of(dir.resolve(name)));
        }
        return files;
    }

    /** The default fetcher: {@code npm pack warc@1.0.1 --silent} in the temp folder. */
    static TarballFetcher npmPack(String npm) {
        return NpmPack.fetcher(npm, PACKAGE_SPEC);
    }
}
