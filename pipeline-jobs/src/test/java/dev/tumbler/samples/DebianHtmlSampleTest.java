package dev.tumbler.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tumbler.store.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.Warcinfo;

class DebianHtmlSampleTest {
    @TempDir Path temp;

    private Path docs;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    /** page path → content, for package "alpha-doc". */
    private final Map<String, String> alpha = new LinkedHashMap<>();

    @BeforeEach
    void writeDocs() throws IOException {
        docs = temp.resolve("docs");
        alpha.put("index.html",
                "<html><head><meta charset=\"utf-8\"><title>Index</title></head><body>Grüße</body></html>");
        alpha.put("library/os.html", "<html><head><title>os</title></head><body>os module</body></html>");
        alpha.put("library/sys path.html", "<html><body>space in name</body></html>");
        alpha.put("old/latin.htm",
                "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head>"
                + "<body>caf\u00e9</body></html>");
        for (Map.Entry<String, String> e : alpha.entrySet()) {
            Path file = docs.resolve("alpha").resolve(e.getKey());
            Files.createDirectories(file.getParent());
            java.nio.charset.Charset cs = e.getKey().endsWith(".htm")
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
            Files.write(file, e.getValue().getBytes(cs));
        }
        Files.writeString(docs.resolve("alpha/style.css"), "body {}");
        Files.createDirectories(docs.resolve("beta"));
        Files.writeString(docs.resolve("beta/one.html"), "<p>beta one</p>");
    }

    private DebianHtmlSample sample(Map<String, String> versions, int maxPages) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put("alpha-doc", docs.resolve("alpha"));
        dirs.put("beta-doc", docs.resolve("beta"));
        return new DebianHtmlSample(dirs, pkg -> Optional.ofNullable(versions.get(pkg)), maxPages);
    }

    private DebianHtmlSample sample() {
        return sample(Map.of("alpha-doc", "1.0-1", "beta-doc", "2.0"), DebianHtmlSample.DEFAULT_MAX_PAGES);
    }

    private static List<WarcRecord> read(Path warc, List<byte[]> bodies) throws IOException {
        List<WarcRecord> records = new ArrayList<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                records.add(record);
                if (record instanceof WarcResponse response) {
                    bodies.add(response.http().body().stream().readAllBytes());
                }
            }
        }
        return records;
    }

    @Test
    void wrapsPagesIntoWarcsThatJwarcReadsBack() throws IOException {
        Path cache = temp.resolve("cache");
        SourceResult result = sample().fetch(cache, log);
        assertEquals(SampleStatus.FETCHED, result.status(), result.message());
        assertEquals(2, result.files().size());

        Path warc = cache.resolve("debian-html/alpha-doc.warc.gz");
        List<byte[]> bodies = new ArrayList<>();
        List<WarcRecord> records = read(warc, bodies);
        assertTrue(records.get(0) instanceof Warcinfo);
        List<WarcResponse> responses = records.stream().filter(r -> r instanceof WarcResponse)
                .map(r -> (WarcResponse) r).toList();
        assertEquals(4, responses.size(), "page count; style.css is not a page");

        // sorted by relative path
        List<String> expectedPaths = List.of("index.html", "library/os.html", "library/sys path.html", "old/latin.htm");
        for (int i = 0; i < expectedPaths.size(); i++) {
            WarcResponse r = responses.get(i);
            String path = expectedPaths.get(i);
            assertEquals(DebianHtmlSample.targetUri("alpha-doc", path).toString(), r.target());
            assertTrue(r.target().startsWith("https://docs.debian.invalid/alpha-doc/"), r.target());
            assertEquals(200, r.http().status());
            assertArrayEquals(Files.readAllBytes(docs.resolve("alpha").resolve(path)), bodies.get(i), path);
            assertEquals(records.get(0).id(), r.warcinfoID().orElseThrow());
            assertTrue(r.payloadDigest().isPresent());
        }
        assertEquals("https://docs.debian.invalid/alpha-doc/library/sys%20path.html", responses.get(2).target());
        assertEquals("text/html;charset=utf-8", responses.get(0).http().contentType().toString().replace(" ", ""));
        assertEquals("iso-8859-1", responses.get(3).http().contentType().parameters().get("charset"));
        assertEquals(responses.get(0).date(), responses.get(3).date(), "one fixed WARC-Date per package");

        JsonNode manifest = new ObjectMapper().readTree(cache.resolve("debian-html/_MANIFEST.json").toFile());
        JsonNode entry = manifest.path("packages").path("alpha-doc");
        assertEquals("1.0-1", entry.path("version").asText());
        assertEquals(4, entry.path("pages").asInt());
        assertEquals(Sha256.ofFile(warc), entry.path("sha256").asText());
        assertEquals(1, manifest.path("packages").path("beta-doc").path("pages").asInt());
    }

    @Test
    void outputIsDeterministic() throws IOException {
        SourceResult one = sample().fetch(temp.resolve("cache1"), log);
        SourceResult two = sample().fetch(temp.resolve("cache2"), log);
        assertEquals(SampleStatus.FETCHED, two.status());
        for (String pkg : List.of("alpha-doc", "beta-doc")) {
            Path a = temp.resolve("cache1/debian-html/" + pkg + ".warc.gz");
            Path b = temp.resolve("cache2/debian-html/" + pkg + ".warc.gz");
            assertEquals(Sha256.ofFile(a), Sha256.ofFile(b), pkg);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        }
        assertEquals(one.files().stream().map(SampleFile::sha256).toList(),
                two.files().stream().map(SampleFile::sha256).toList());
        assertEquals(Files.readString(temp.resolve("cache1/debian-html/_MANIFEST.json")),
                Files.readString(temp.resolve("cache2/debian-html/_MANIFEST.json")));
    }

    @Test
    void skipsUnchangedPackagesAndRebuildsChangedOrTamperedOnes() throws IOException {
        Path cache = temp.resolve("cache");
        sample().fetch(cache, log);
        Path alphaWarc = cache.resolve("debian-html/alpha-doc.warc.gz");
        String firstSha = Sha256.ofFile(alphaWarc);

        SourceResult again = sample().fetch(cache, log);
        assertEquals(SampleStatus.CACHED, again.status(), again.message());

        Files.write(alphaWarc, new byte[] {1, 2, 3});
        SourceResult repaired = sample().fetch(cache, log);
        assertEquals(SampleStatus.FETCHED, repaired.status());
        assertEquals(firstSha, Sha256.ofFile(alphaWarc));

        SourceResult upgraded = sample(Map.of("alpha-doc", "1.1-1", "beta-doc", "2.0"),
                DebianHtmlSample.DEFAULT_MAX_PAGES).fetch(cache, log);
        assertEquals(SampleStatus.FETCHED, upgraded.status());
        assertNotEquals(firstSha, Sha256.ofFile(alphaWarc), "a new version gives a new WARC-Date, so a new file");
        assertTrue(upgraded.message().contains("beta-doc cached"), upgraded.message());
    }

    @Test
    void capsPagesPerPackage() throws IOException {
        Path cache = temp.resolve("cache");
        SourceResult result = sample(Map.of("alpha-doc", "1", "beta-doc", "1"), 2).fetch(cache, log);
        assertEquals(SampleStatus.FETCHED, result.status());
        List<WarcRecord> records = read(cache.resolve("debian-html/alpha-doc.warc.gz"), new ArrayList<>());
        List<String> targets = records.stream().filter(r -> r instanceof WarcResponse)
                .map(r -> ((WarcResponse) r).target()).toList();
        assertEquals(List.of("https://docs.debian.invalid/alpha-doc/index.html",
                "https://docs.debian.invalid/alpha-doc/library/os.html"), targets);
    }

    @Test
    void missingPackagePrintsAptHintAndCarriesOn() throws IOException {
        Path cache = temp.resolve("cache");
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put("alpha-doc", docs.resolve("alpha"));
        dirs.put("gone-doc", docs.resolve("gone")); // not installed
        dirs.put("nodir-doc", docs.resolve("nodir")); // "installed" but its folder is absent
        Map<String, String> versions = Map.of("alpha-doc", "1", "nodir-doc", "3");
        DebianHtmlSample sample = new DebianHtmlSample(dirs, pkg -> Optional.ofNullable(versions.get(pkg)), 400);

        SourceResult result = sample.fetch(cache, log);

        assertEquals(SampleStatus.MISSING_PREREQUISITE, result.status());
        String printed = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("apt-get install -y gone-doc nodir-doc"), printed);
        assertTrue(result.message().contains("apt-get install -y gone-doc nodir-doc"), result.message());
        assertFalse(result.message().contains("alpha-doc,"), result.message());
        assertTrue(Files.exists(cache.resolve("debian-html/alpha-doc.warc.gz")),
                "installed packages are still wrapped");
        assertEquals(1, result.files().size());
    }

    @Test
    void allMissingWithDefaultPackages() {
        DebianHtmlSample sample = new DebianHtmlSample(DebianHtmlSample.defaultPackages(),
                pkg -> Optional.empty(), 400, null);
        SourceResult result = sample.fetch(temp.resolve("cache"), log);
        assertEquals(SampleStatus.MISSING_PREREQUISITE, result.status());
        assertTrue(result.message().contains(
                "apt-get install -y python3.11-doc debian-reference-en debian-policy cfi-en"),
                result.message());
        assertTrue(result.files().isEmpty());
    }

    @Test
    void detectsDeclaredCharsets() {
        assertEquals("utf-8", DebianHtmlSample.declaredCharset(
                "<html>plain ascii</html>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("iso-8859-1", DebianHtmlSample.declaredCharset(
                "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">"
                        .getBytes(StandardCharsets.US_ASCII)));
        assertEquals("shift_jis", DebianHtmlSample.declaredCharset(
                "<meta charset='Shift_JIS'>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("utf-8", DebianHtmlSample.declaredCharset(
                "<meta charset=\"no-such-charset-x\">".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("windows-1252", DebianHtmlSample.declaredCharset(
                "<p>caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void warcDateDependsOnlyOnVersion() {
        DebianHtmlSample sample = sample();
        assertEquals(sample.warcDate("p", "1.0"), sample.warcDate("p", "1.0"));
        assertNotEquals(sample.warcDate("p", "1.0"), sample.warcDate("p", "1.1"));
    }
}
