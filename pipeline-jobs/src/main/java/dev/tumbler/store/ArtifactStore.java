package dev.tumbler.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Versioned, immutable artifacts on any Hadoop {@link FileSystem}: {@code <store>/<kind>/<name>/v<N>/}
 * holding the data files and a {@code manifest.json} written last. A job writes into a
 * {@link StagingArea}; {@link #publish} claims the next version number exclusively, moves the
 * staged files into place, and only then writes the manifest. Versions are never overwritten.
 */
public final class ArtifactStore {
    static final String STAGING_DIR = "_staging";
    static final String CLAIMS_DIR = "_claims";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final FileSystem fs;
    private final Configuration conf;

    private ArtifactStore(Path root, FileSystem fs, Configuration conf) {
        this.root = root;
        this.fs = fs;
        this.conf = conf;
    }

    /** Opens (and creates if needed) the store at {@code uri}: a local path or any Hadoop URI. */
    public static ArtifactStore open(String uri, Configuration conf) {
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            root = fs.makeQualified(root);
            fs.mkdirs(root);
            return new ArtifactStore(root, fs, conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--store: cannot open artifact store '" + uri + "': " + e.getMessage(), e);
        }
    }

    public URI uri() {
        return root.toUri();
    }

    public Configuration hadoopConf() {
        return conf;
    }

    /**
     * Claims the next version of {@code kind/name} and returns a fresh staging directory for it. The
     * version number is taken at once (so a job can stamp it into its data) but the version does not
     * exist until {@link #publish} writes its manifest; a job that dies leaves only a gap.
     */
    public StagingArea stage(String kind, String name) {
        ArtifactRef.requireSegment("kind", kind);
        ArtifactRef.requireSegment("name", name);
        try {
            int version = claimNextVersion(nameDir(kind, name));
            ArtifactRef ref = new ArtifactRef(kind, name, version);
            Path dir = new Path(new Path(root, STAGING_DIR), kind + "-" + name + "-v" + version + "-" + UUID.randomUUID());
            return new StagingArea(ref, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + kind + "/" + name + " in " + root, e);
        }
    }

    /**
     * Publishes the staged files as the claimed version: hashes every file, moves the directory into
     * place, and writes the manifest last. Returns the new ref.
     */
    public ArtifactRef publish(StagingArea staged, PublishRequest request) {
        ArtifactRef ref = staged.ref();
        try {
            if (!fs.exists(staged.dir())) {
                throw new IllegalStateException("nothing staged at " + staged.dir());
            }
            Map<String, Manifest.FileEntry> files = FileHashes.ofTree(fs, staged.dir());
            Path versionDir = versionDir(ref);
            if (fs.exists(versionDir)) {
                throw new IOException("version directory already exists, refusing to overwrite: " + versionDir);
            }
            if (!fs.rename(staged.dir(), versionDir)) {
                throw new IOException("could not move " + staged.dir() + " to " + versionDir);
            }
            Manifest manifest = new Manifest(Manifest.SCHEMA_VERSION, ref.toString(), request.command(),
                    request.config(), BuildInfo.gitCommit(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    request.inputs().stream().map(ArtifactRef::toString).toList(), request.metrics(), files);
            writeManifest(versionDir, manifest);
            return ref;
        } catch (IOException e) {
            throw new UncheckedIOException("publishing " + ref + " failed", e);
        }
    }

    /** Removes a staging directory after a failed job; its claimed version stays unused. */
    public void abandon(StagingArea staged) {
        try {
            fs.delete(staged.dir(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves {@code kind/name} to its newest published version; a versioned ref must exist. */
    public ArtifactRef resolve(ArtifactRef ref) {
        if (ref.isLatest()) {
            List<ArtifactRef> versions = versions(ref.kind(), ref.name());
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("no published version of " + ref + " in store " + root);
            }
            return versions.get(versions.size() - 1);
        }
        if (!exists(ref)) {
            throw new IllegalArgumentException("artifact " + ref + " does not exist in store " + root);
        }
        return ref;
    }

    /**
     * Parses and resolves a ref given on the command line as {@code option}, requiring {@code kind};
     * every error names the option.
     */
    public ArtifactRef resolve(String text, String kind, String option) {
        ArtifactRef ref;
        try {
            ref = ArtifactRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        if (!ref.kind().equals(kind)) {
            throw new IllegalArgumentException(option + ": " + ref + " is a " + ref.kind() + " artifact, not a " + kind);
        }
        try {
            return resolve(ref);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** True when the version has a manifest (and so exists). */
    public boolean exists(ArtifactRef ref) {
        try {
            return !ref.isLatest() && fs.exists(new Path(versionDir(ref), Manifest.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Published versions of {@code kind/name}, oldest first. Directories without a manifest are skipped. */
    public List<ArtifactRef> versions(String kind, String name) {
        List<ArtifactRef> out = new ArrayList<>();
        for (int v : versionNumbers(nameDir(kind, name))) {
            ArtifactRef ref = new ArtifactRef(kind, name, v);
            if (exists(ref)) {
                out.add(ref);
            }
        }
        return out;
    }

    /** The directory of a version, as a Hadoop path. */
    public Path versionDir(ArtifactRef ref) {
        if (ref.isLatest()) {
            throw new IllegalArgumentException("resolve " + ref + " to a version first");
        }
        return new Path(nameDir(ref.kind(), ref.name()), "v" + ref.version());
    }

    /** Reads and checks the manifest of a published version. */
    public Manifest manifest(ArtifactRef ref) {
        ArtifactRef resolved = resolve(ref);
        Path path = new Path(versionDir(resolved), Manifest.FILE_NAME);
        try (InputStream in = fs.open(path)) {
            Manifest m = JSON.readValue(in, Manifest.class);
            if (m.schemaVersion() != Manifest.SCHEMA_VERSION) {
                throw new IllegalStateException("manifest " + path + " has schema version " + m.schemaVersion()
                        + "; this Tumbler reads version " + Manifest.SCHEMA_VERSION);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + path, e);
        }
    }

    /** Recomputes every file's sha256 and returns the paths that differ from the manifest (empty when intact). */
    public List<String> verify(ArtifactRef ref) {
        ArtifactRef resolved = resolve(ref);
        Manifest manifest = manifest(resolved);
        try {
            Map<String, Manifest.FileEntry> actual = FileHashes.ofTree(fs, versionDir(resolved));
            actual.remove(Manifest.FILE_NAME);
            List<String> problems = new ArrayList<>();
            for (var e : manifest.files().entrySet()) {
                Manifest.FileEntry found = actual.get(e.getKey());
                if (found == null) {
                    problems.add(e.getKey() + ": missing");
                } else if (!found.equals(e.getValue())) {
                    problems.add(e.getKey() + ": sha256 or size differs");
                }
            }
            actual.keySet().stream().filter(k -> !manifest.files().containsKey(k))
                    .forEach(k -> problems.add(k + ": not in manifest"));
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path nameDir(String kind, String name) {
        ArtifactRef.requireSegment("kind", kind);
        ArtifactRef.requireSegment("name", name);
        return new Path(new Path(root, kind), name);
    }

    private List<Integer> versionNumbers(Path nameDir) {
        List<Integer> numbers = new ArrayList<>();
        try {
            for (Path dir : List.of(nameDir, new Path(nameDir, CLAIMS_DIR))) {
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus st : fs.listStatus(dir)) {
                    String n = st.getPath().getName();
                    if (n.matches("v[1-9][0-9]*")) {
                        numbers.add(Integer.parseInt(n.substring(1)));
                    }
                }
            }
        } catch (FileNotFoundException e) {
            return numbers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        numbers.sort(Comparator.naturalOrder());
        return numbers.stream().distinct().toList();
    }

    /** Claims the next free version number by creating {@code _claims/vN} exclusively. */
    private int claimNextVersion(Path nameDir) throws IOException {
        Path claims = new Path(nameDir, CLAIMS_DIR);
        fs.mkdirs(claims);
        List<Integer> used = versionNumbers(nameDir);
        int candidate = used.isEmpty() ? 1 : used.get(used.size() - 1) + 1;
        for (int attempt = 0; attempt < 1000; attempt++, candidate++) {
            try (OutputStream out = fs.create(new Path(claims, "v" + candidate), false)) {
                out.write(Instant.now().toString().getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            if (!fs.exists(new Path(nameDir, "v" + candidate))) {
                return candidate;
            }
        }
        throw new IOException("could not claim a version under " + nameDir);
    }

    private void writeManifest(Path versionDir, Manifest manifest) throws IOException {
        Path tmp = new Path(versionDir, "_manifest.json.tmp");
        try (OutputStream out = fs.create(tmp, false)) {
            JSON.writeValue(out, manifest);
        }
        if (!fs.rename(tmp, new Path(versionDir, Manifest.FILE_NAME))) {
            throw new IOException("could not write manifest in " + versionDir);
        }
    }

}
