package dev.tumbler.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tumbler.store.Sha256;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Real HTML pages from Debian documentation packages, wrapped into one gzipped WARC file per
 * package ({@code <cache>/debian-html/<package>.warc.gz}) so the pipeline has a few hundred pages
 * of volume. Each page becomes a {@code response} record with a synthetic, stable target URI
 * {@code https://docs.debian.invalid/<package>/<relative path>}, an HTTP/1.1 200 header with the
 * page's declared charset, and a WARC-Date derived from the package version. The output is
 * deterministic: the same package version gives a byte-identical WARC.
 *
 * <p>{@code _MANIFEST.json} in the same folder records, per package, the version, page count, page
 * cap and the sha256 of the WARC; a later run skips a package whose version and cap are unchanged
 * and whose WARC still has the recorded sha256.
 */
public final class DebianHtmlSample implements SampleSource {
    public static final String NAME = "debian-html";
    public static final String SUBDIR = "debian-html";
    public static final String MANIFEST = "_MANIFEST.json";
    public static final int DEFAULT_MAX_PAGES = 400;
    public static final String HOST = "docs.debian.invalid";

    /** A documentation package: where its HTML lives and which file names count as pages. */
    public record Package(String name, Path dir, boolean recursive, List<String> suffixes) {
        public Package {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dir, "dir");
            suffixes = List.copyOf(suffixes);
        }
    }

    /** Installed version of a package, or empty when it is not installed. */
    @FunctionalInterface
    public interface VersionLookup {
        Optional<String> version(String packageName);
    }

    /** The packages wrapped by default (Debian 12 paths). */
    public static List<Package> defaultPackages() {
        return List.of(
                new Package("python3.11-doc", Path.of("/usr/share/doc/python3.11/html"), true, List.of(".html")),
                new Package("debian-reference-en", Path.of("/usr/share/debian-reference"), false, List.of(".en.html")),
                new Package("debian-policy", Path.of("/usr/share/doc/debian-policy/policy.html"),
                        false, List.of(".html")),
                new Package("cfi-en", Path.of("/usr/share/doc/cfi-en/html"), true, List.of(".html", ".htm")));
    }

    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Instant FALLBACK_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Package> packages;
    private final VersionLookup versions;
    private final int maxPages;
    private final Path docRoot; // where /usr/share/doc/<pkg>/changelog*.gz live; null: don't look

    /** The default packages, looked up with dpkg-query, at most {@value #DEFAULT_MAX_PAGES} pages each. */
    public DebianHtmlSample() {
        this(DEFAULT_MAX_PAGES);
    }

    public DebianHtmlSample(int maxPagesPerPackage) {
        this(defaultPackages(), DebianHtmlSample::dpkgVersion, maxPagesPerPackage, Path.of("/usr/share/doc"));
    }

    /**
     * Wraps the HTML files found recursively ({@code .html}/{@code .htm}) under each directory of
     * {@code packageDirs} (package name → directory); for tests and custom document sets.
     */
    public DebianHtmlSample(Map<String, Path> packageDirs, VersionLookup versions, int maxPagesPerPackage) {
        this(packageDirs.entrySet().stream()
                        .map(e -> new Package(e.getKey(), e.getValue(), true, List.of(".html", ".htm")))
                        .collect(Collectors.toList()),
                versions, maxPagesPerPackage, null);
    }

    public DebianHtmlSample(List<Package> packages, VersionLookup versions, int maxPagesPerPackage, Path docRoot) {
        if (maxPagesPerPackage < 1) {
            throw new IllegalArgumentException("maxPagesPerPackage must be at least 1");
        }
        this.packages = List.copyOf(packages);
        this.versions = Objects.requireNonNull(versions);
        this.maxPages = maxPagesPerPackage;
        this.docRoot = docRoot;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The command that installs the given packages. */
    public static String aptHint(List<String> missing) {
        return "apt-get install -y " + String.join(" ", missing);
    }

    @Override
    public SourceResult fetch(Path cacheDir, PrintStream log) {
        Path dir = cacheDir.resolve(SUBDIR);
        Path manifestFile = dir.resolve(MANIFEST);
        List<String> missing = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<SampleFile> files = new ArrayList<>();
        boolean wroteAny = false;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return SourceResult.failed(NAME, "cannot create " + dir + ": " + e);
        }
        Map<String, ObjectNode> manifest = readManifest(manifestFile, log);

        for (Package pkg : packages) {
            Optional<String> version = versions.version(pkg.name());
            if (version.isEmpty() || !Files.isDirectory(pkg.dir())) {
                missing.add(pkg.name());
                log.printf("[%s] %s is not installed (no %s)%n", NAME, pkg.name(), pkg.dir());
                continue;
            }
            Path warc = dir.resolve(pkg.name() + ".warc.gz");
            try {
                ObjectNode entry = manifest.get(pkg.name());
                if (isCurrent(entry, version.get(), warc)) {
                    log.printf("[%s] %s %s: cached (%d pages)%n", NAME,
                            pkg.name(), version.get(), entry.path("pages").asInt());
                    files.add(new SampleFile(warc, entry.path("sha256").asText(), Files.size(warc)));
                    done.add(pkg.name() + " cached");
                    continue;
                }
                List<Page> pages = listPages(pkg);
                if (pages.isEmpty()) {
                    failures.add(pkg.name() + ": no HTML pages under " + pkg.dir());
                    continue;
                }
                Instant date = warcDate(pkg.name(), version.get());
                Path temp = CacheFiles.tempSibling(warc);
                try {
                    writeWarc(temp, pkg, version.get(), date, pages);
                    String sha = Sha256.ofFile(temp);
                    long size = Files.size(temp);
                    CacheFiles.moveReplacing(temp, warc);
                    ObjectNode node = JSON.createObjectNode();
                    node.put("version", version.get());
                    node.put("file", warc.getFileName().toString());
                    node.put("sha256", sha);
                    node.put("bytes", size);
                    node.put("pages", pages.size());
                    node.put("maxPages", maxPages);
                    node.put("warcDate", date.toString());
                    node.put("source", pkg.dir().toString());
                    manifest.put(pkg.name(), node);
                    writeManifest(manifestFile, manifest); // after each package, so progress survives a crash
                    files.add(new SampleFile(warc, sha, size));
                    wroteAny = true;
                    done.add(pkg.name() + " " + pages.size() + " pages");
                    log.printf("[%s] %s %s: wrapped %d pages into %s%n", NAME,
                            pkg.name(), version.get(), pages.size(), warc);
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException | RuntimeException e) {
                failures.add(pkg.name() + ": " + e);
                log.printf("[%s] %s FAILED: %s%n", NAME, pkg.name(), e);
            }
        }

        String summary = done.isEmpty() ? "nothing wrapped" : String.join(", ", done);
        if (!failures.isEmpty()) {
            return new SourceResult(NAME, SampleStatus.FAILED,
                    String.join("; ", failures) + " (" + summary + ")", files);
        }
        if (!missing.isEmpty()) {
            String hint = aptHint(missing);
            log.printf("[%s] missing packages; run: %s%n", NAME, hint);
            return new SourceResult(NAME, SampleStatus.MISSING_PREREQUISITE,
                    "not installed: " + String.join(", ", missing) + "; run: " + hint + " (" + summary + ")", files);
        }
        return new SourceResult(NAME, wroteAny ? SampleStatus.FETCHED : SampleStatus.CACHED, summary, files);
    }

    // --- pages ------------------------------------------------------------------------------------

    /** One HTML file: its path relative to the package folder ('/'-separated) and its location. */
    record Page(String relativePath, Path file) {}

    List<Page> listPages(Package pkg) throws IOException {
        Path root = pkg.dir();
        List<Page> pages;
        try (Stream<Path> walk = pkg.recursive() ? Files.walk(root) : Files.list(root)) {
            pages = walk
                    .filter(Files::isRegularFile)
                    .map(p -> new Page(relative(root, p), p))
                    .filter(p -> pkg.suffixes().stream()
                            .anyMatch(s -> p.relativePath().toLowerCase(Locale.ROOT).endsWith(s)))
                    .sorted((a, b) -> a.relativePath().compareTo(b.relativePath()))
                    .collect(Collectors.toList());
        }
        return pages.size() > maxPages ? new ArrayList<>(pages.subList(0, maxPages)) : pages;
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(file)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }

    /** {@code https://docs.debian.invalid/<package>/<relative path>}, each segment percent-encoded. */
    public static URI targetUri(String packageName, String relativePath) {
        StringBuilder sb = new StringBuilder("https://").append(HOST).append('/').append(encodeSegment(packageName));
        for (String segment : relativePath.split("/")) {
            sb.append('/').append(encodeSegment(segment));
        }
        return URI.create(sb.toString());
    }

    private static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /**
     * The charset a page declares in a BOM or {@code <meta>} (lowercase); for an undeclared page
     * {@code utf-8} when its bytes are valid UTF-8, else {@code windows-1252}.
     */
    static String declaredCharset(byte[] html) {
        if (html.length >= 3 && (html[0] & 0xff) == 0xEF && (html[1] & 0xff) == 0xBB && (html[2] & 0xff) == 0xBF) {
            return "utf-8";
        }
        String head = new String(html, 0, Math.min(html.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            try {
                if (Charset.isSupported(name)) {
                    return name;
                }
            } catch (IllegalArgumentException ignored) {
                // illegal charset name: fall through
            }
        }
        return isValidUtf8(html) ? "utf-8" : "windows-1252"; // the HTML default for undeclared legacy pages
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // --- WARC writing -----------------------------------------------------------------------------

    private static void writeWarc(Path target, Package pkg, String version, Instant date, List<Page> pages)
            throws IOException {
        try (FileChannel channel = FileChannel.open(target,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            UUID warcinfoId = stableUuid("warcinfo", pkg.name(), version);
            Map<String, List<String>> fields = new LinkedHashMap<>();
            fields.put("software", List.of("tumbler samples fetch"));
            fields.put("format", List.of("WARC File Format 1.0"));
            fields.put("description", List.of("HTML pages of the Debian package " + pkg.name() + " " + version
                    + " (" + pages.size() + " pages), wrapped as synthetic HTTP responses"));
            fields.put("isPartOf", List.of("tumbler-samples/" + NAME));
            fields.put("package", List.of(pkg.name()));
            fields.put("package-version", List.of(version));
            writer.write(new Warcinfo.Builder()
                    .recordId(warcinfoId)
                    .date(date)
                    .filename(pkg.name() + ".warc.gz")
                    .fields(fields)
                    .build());
            URI warcinfoUri = URI.create("urn:uuid:" + warcinfoId);
            for (Page page : pages) {
                byte[] body = Files.readAllBytes(page.file());
                byte[] http = httpResponse(body, declaredCharset(body));
                WarcResponse record = new WarcResponse.Builder(targetUri(pkg.name(), page.relativePath()))
                        .recordId(stableUuid("response", pkg.name(), version, page.relativePath()))
                        .date(date)
                        .warcinfoId(warcinfoUri)
                        .blockDigest(sha1(http))
                        .payloadDigest(sha1(body))
                        .body(MediaType.HTTP_RESPONSE, http)
                        .build();
                writer.write(record);
            }
        }
    }

    private static byte[] httpResponse(byte[] body, String charset) {
        String head = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/html; charset=" + charset + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static WarcDigest sha1(byte[] bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(bytes);
            return new WarcDigest(md);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID stableUuid(String... parts) {
        return UUID.nameUUIDFromBytes(("tumbler-samples\u0000" + String.join("\u0000", parts))
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The WARC-Date for every record of a package: the date of the package's newest Debian changelog
     * entry (which belongs to the installed version) when it can be read, otherwise a date computed
     * from the package name and version. Either way it depends only on the package version.
     */
    Instant warcDate(String packageName, String version) {
        if (docRoot != null) {
            for (String name : List.of("changelog.Debian.gz", "changelog.gz")) {
                Path changelog = docRoot.resolve(packageName).resolve(name);
                if (Files.isRegularFile(changelog)) {
                    Optional<Instant> date = changelogDate(changelog);
                    if (date.isPresent()) {
                        return date.get();
                    }
                }
            }
        }
        byte[] hash = Sha256.newDigest().digest((packageName + "=" + version).getBytes(StandardCharsets.UTF_8));
        long seconds = Math.floorMod(ByteBuffer.wrap(hash).getLong(), Duration.ofDays(365L * 20).toSeconds());
        return FALLBACK_EPOCH.plusSeconds(seconds);
    }

    /** The date of the first {@code " -- Maintainer <mail>  <RFC 2822 date>"} line of a changelog. */
    static Optional<Instant> changelogDate(Path changelogGz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(changelogGz));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lines = 0;
            while ((line = reader.readLine()) != null && lines++ < 2000) {
                if (line.startsWith(" -- ")) {
                    int gap = line.indexOf(">  ");
                    if (gap < 0) {
                        return Optional.empty();
                    }
                    String date = line.substring(gap + 3).trim();
                    return Optional.of(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or unusual changelog: use the computed date
        }
        return Optional.empty();
    }

    // --- manifest & package versions ---------------------------------------------------------------

    private boolean isCurrent(ObjectNode entry, String version, Path warc) throws IOException {
        return entry != null
                && version.equals(entry.path("version").asText(null))
                && entry.path("maxPages").asInt(-1) == maxPages
                && Files.isRegularFile(warc)
                && Sha256.matches(warc, entry.path("sha256").asText(""));
    }

    private static Map<String, ObjectNode> readManifest(Path file, PrintStream log) {
        Map<String, ObjectNode> entries = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try {
            JsonNode packages = JSON.readTree(file.toFile()).path("packages");
            packages.fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ObjectNode node) {
                    entries.put(e.getKey(), node);
                }
            });
        } catch (IOException e) {
            log.printf("[%s] ignoring unreadable %s: %s%n", NAME, file, e.getMessage());
        }
        return entries;
    }

    private static void writeManifest(Path file, Map<String, ObjectNode> entries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode packages = root.putObject("packages");
        new TreeMap<>(entries).forEach(packages::set);
        Path temp = CacheFiles.tempSibling(file);
        try {
            Files.write(temp, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
            CacheFiles.moveReplacing(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The installed version from {@code dpkg-query}, or empty when the package is not installed.
     * Without dpkg (not a Debian system) it answers {@code "unknown"}, so a folder that exists anyway
     * is still wrapped.
     */
    public static Optional<String> dpkgVersion(String packageName) {
        try {
            Commands.Result result = Commands.run(null, 60,
                    List.of("dpkg-query", "-W", "-f=${Status}\t${Version}", packageName));
            if (!result.ok()) {
                return Optional.empty();
            }
            String[] parts = result.stdout().trim().split("\t", 2);
            if (parts.length == 2 && parts[0].endsWith(" installed") && !parts[1].isBlank()) {
                return Optional.of(parts[1].trim());
            }
            return Optional.empty();
        } catch (Commands.NotFoundException e) {
            return Optional.of("unknown");
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
