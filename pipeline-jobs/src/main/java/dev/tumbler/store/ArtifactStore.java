package dev.tumbler.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
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
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final FileSystem fs;
    private final Configuration conf;
    private final HashPolicy hashPolicy;
    private final Map<ArtifactRef, Manifest> verified = new ConcurrentHashMap<>();

    private ArtifactStore(Path root, FileSystem fs, Configuration conf, HashPolicy hashPolicy) {
        this.root = root;
        this.fs = fs;
        this.conf = conf;
        this.hashPolicy = hashPolicy;
    }

    /** Opens (and creates if needed) the store at {@code uri}: a local path or any Hadoop URI. */
    public static ArtifactStore open(String uri, Configuration conf) {
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            root = fs.makeQualified(root);
            fs.mkdirs(root);
            return new ArtifactStore(root, fs, conf, HashPolicy.SMALL_FILES);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--store: cannot open artifact store '" + uri + "': " + e.getMessage(), e);
        }
    }

    /** The same store, with {@code policy} deciding which files {@link #verifiedManifest} re-hashes. */
    public ArtifactStore withHashPolicy(HashPolicy policy) {
        return new ArtifactStore(root, fs, conf, policy);
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
    public StagingArea stage(ArtifactKind kind, String name) {
        ArtifactRef.requireSegment("name", name);
        try {
            String token = UUID.randomUUID().toString();
            int version = new VersionClaims(fs, nameDir(kind, name)).claimNext(token);
            ArtifactRef ref = new ArtifactRef(kind, name, version);
            Path dir = new Path(new Path(root, STAGING_DIR), StagingNames.of(ref, token));
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
            requireClaimed(staged);
            if (fs.exists(versionDir)) {
                throw new IOException("version directory already exists, refusing to overwrite: " + versionDir);
            }
            if (!fs.rename(staged.dir(), versionDir)) {
                throw new IOException("could not move " + staged.dir() + " to " + versionDir);
            }
            requireClaimed(staged);
            Manifest manifest = new Manifest(Manifest.SCHEMA_VERSION, ref.toString(), request.command(),
                    request.config(), BuildInfo.gitCommit(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    request.inputs().stream().map(ArtifactRef::toString).toList(), request.metrics(), files);
            writeManifest(versionDir, manifest);
            return ref;
        } catch (IOException e) {
            throw new UncheckedIOException("publishing " + ref + " failed", e);
        }
    }

    private void requireClaimed(StagingArea staged) throws IOException {
        String token = StagingNames.token(staged.dir().getName());
        String owner = new VersionClaims(fs, nameDir(staged.ref().kind(), staged.ref().name())).owner(staged.ref().version());
        if (!token.equals(owner)) {
            throw new IOException(staged.ref() + " is claimed by another publisher (claim " + owner + ", ours " + token + ")");
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
    public ArtifactRef resolve(String text, ArtifactKind kind, String option) {
        ArtifactRef ref = ArtifactRef.parse(text, option);
        if (ref.kind() != kind) {
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
    public List<ArtifactRef> versions(ArtifactKind kind, String name) {
        List<ArtifactRef> out = new ArrayList<>();
        for (int v : versionNumbersIn(nameDir(kind, name))) {
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

    /**
     * The manifest of a version a job is about to read, after checking its files under this store's
     * {@link HashPolicy} (once per store instance and version).
     *
     * @throws DamagedArtifactException naming each file that does not match the manifest
     */
    public Manifest verifiedManifest(ArtifactRef ref) {
        ArtifactRef resolved = resolve(ref);
        return verified.computeIfAbsent(resolved, r -> {
            Manifest manifest = manifest(r);
            List<String> problems = check(r, manifest, hashPolicy);
            if (!problems.isEmpty()) {
                throw new DamagedArtifactException(r, problems);
            }
            return manifest;
        });
    }

    /**
     * The bytes of one file of a version, checked against the sha256 its manifest records (so what
     * is returned is exactly what was published). For small files a loader holds in memory.
     *
     * @throws DamagedArtifactException when the file is missing from the manifest or its bytes differ
     */
    public byte[] readVerified(ArtifactRef ref, String file) {
        ArtifactRef resolved = resolve(ref);
        Manifest.FileEntry entry = verifiedManifest(resolved).files().get(file);
        if (entry == null) {
            throw new DamagedArtifactException(resolved, List.of(file + ": not in manifest"));
        }
        byte[] bytes;
        try (InputStream in = fs.open(new Path(versionDir(resolved), file))) {
            bytes = in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new DamagedArtifactException(resolved, List.of(file + ": missing"));
        } catch (org.apache.hadoop.fs.ChecksumException e) {
            throw new DamagedArtifactException(resolved, List.of(file + ": damaged (" + e.getMessage() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " of " + resolved, e);
        }
        String sha = Sha256.ofBytes(bytes);
        if (!sha.equals(entry.sha256())) {
            throw new DamagedArtifactException(resolved, List.of(file + ": sha256 differs (manifest "
                    + entry.sha256() + ", found " + sha + ")"));
        }
        return bytes;
    }

    /** The {@code manifest.json} of a published version as stored. */
    public String manifestJson(ArtifactRef ref) {
        Path path = new Path(versionDir(resolve(ref)), Manifest.FILE_NAME);
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + path, e);
        }
    }

    /** Recomputes every file's sha256 and returns the files that differ from the manifest (empty when intact). */
    public List<String> verify(ArtifactRef ref) {
        ArtifactRef resolved = resolve(ref);
        return check(resolved, manifest(resolved), HashPolicy.ALL_FILES);
    }

    private List<String> check(ArtifactRef ref, Manifest manifest, HashPolicy policy) {
        try {
            return ArtifactVerifier.problems(fs, versionDir(ref), manifest, policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the files of " + ref, e);
        }
    }

    /**
     * The kinds in the store (its top-level directories that name an {@link ArtifactKind}), sorted by
     * directory name. Other directories ({@code _staging}, {@code _runs}) are no artifacts.
     */
    public List<ArtifactKind> kinds() {
        return childNames(root).stream().flatMap(n -> ArtifactKind.fromDirName(n).stream()).toList();
    }

    /** The artifact names of {@code kind}, sorted. */
    public List<String> names(ArtifactKind kind) {
        return childNames(new Path(root, kind.dirName()));
    }

    FileSystem fileSystem() {
        return fs;
    }

    Path root() {
        return root;
    }

    /** The directory that holds the versions and claims of {@code kind/name}. */
    Path nameDir(ArtifactRef ref) {
        return nameDir(ref.kind(), ref.name());
    }

    private List<String> childNames(Path dir) {
        List<String> out = new ArrayList<>();
        try {
            for (FileStatus st : fs.listStatus(dir)) {
                String n = st.getPath().getName();
                if (st.isDirectory() && !n.startsWith("_") && !n.startsWith(".")) {
                    out.add(n);
                }
            }
        } catch (FileNotFoundException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(null);
        return out;
    }

    private Path nameDir(ArtifactKind kind, String name) {
        ArtifactRef.requireSegment("name", name);
        return new Path(new Path(root, kind.dirName()), name);
    }

    private List<Integer> versionNumbersIn(Path nameDir) {
        try {
            return new VersionClaims(fs, nameDir).numbersIn(nameDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + nameDir, e);
        }
    }

    private void writeManifest(Path versionDir, Manifest manifest) throws IOException {
        Path tmp = new Path(versionDir, FileHashes.MANIFEST_TMP);
        try (OutputStream out = fs.create(tmp, false)) {
            JSON.writeValue(out, manifest);
        }
        if (!fs.rename(tmp, new Path(versionDir, Manifest.FILE_NAME))) {
            throw new IOException("could not write manifest in " + versionDir);
        }
    }

}
