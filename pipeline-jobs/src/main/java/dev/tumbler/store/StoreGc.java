package dev.tumbler.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Garbage collection of an artifact store. Always: staging directories, version directories
 * without a manifest, and claims of versions that were never published, once nothing has written
 * to them for the grace period (a running job's files are younger). The newest claim of each name
 * stays, so version numbers are never reused. When asked ({@code keepLast > 0}): published
 * versions older than the newest {@code keepLast} of their name, except those that the lineage of
 * any kept version names.
 */
public final class StoreGc {
    /**
     * @param gracePeriod leftovers younger than this are left alone (a job may still be writing them)
     * @param keepLast    versions to keep per name; 0 keeps every published version
     * @param scope       {@code kind} or {@code kind/name} that {@code keepLast} applies to; null for all
     */
    public record Settings(Duration gracePeriod, int keepLast, String scope) {
        public Settings {
            if (gracePeriod.isNegative()) {
                throw new IllegalArgumentException("--older-than must not be negative, got " + gracePeriod);
            }
            if (keepLast < 0) {
                throw new IllegalArgumentException("--keep-last must be >= 1 (or 0 to keep every version), got " + keepLast);
            }
        }
    }

    private final ArtifactStore store;
    private final FileSystem fs;

    public StoreGc(ArtifactStore store) {
        this.store = store;
        this.fs = store.fileSystem();
    }

    /** Finds what to remove; changes nothing. */
    public GcPlan plan(Settings settings, Instant now) {
        long cutoffMillis = now.minus(settings.gracePeriod()).toEpochMilli();
        try {
            List<Path> staging = new ArrayList<>();
            Set<String> liveTokens = new HashSet<>();
            for (FileStatus st : list(new Path(store.root(), ArtifactStore.STAGING_DIR))) {
                if (newestChange(st.getPath()) < cutoffMillis) {
                    staging.add(st.getPath());
                } else {
                    liveTokens.add(StagingNames.token(st.getPath().getName()));
                }
            }
            List<Path> incomplete = new ArrayList<>();
            List<Path> claims = new ArrayList<>();
            Map<ArtifactRef, Integer> newestNumber = new LinkedHashMap<>();
            for (ArtifactKind kind : store.kinds()) {
                for (String name : store.names(kind)) {
                    scanName(new ArtifactRef(kind, name, 1), cutoffMillis, liveTokens, incomplete, claims);
                }
            }
            Map<ArtifactRef, ArtifactRef> keptForLineage = new LinkedHashMap<>();
            List<ArtifactRef> old = settings.keepLast() > 0 ? oldVersions(settings, keptForLineage) : List.of();
            return new GcPlan(staging, incomplete, claims, old, keptForLineage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan the store " + store.uri(), e);
        }
    }

    /** Removes what {@code plan} lists. A version loses its manifest first, so it stops existing at once. */
    public void apply(GcPlan plan) {
        try {
            for (Path p : plan.staging()) {
                fs.delete(p, true);
            }
            for (Path p : plan.incompleteVersions()) {
                fs.delete(p, true);
            }
            for (Path p : plan.staleClaims()) {
                fs.delete(p, false);
            }
            for (ArtifactRef ref : plan.oldVersions()) {
                Path dir = store.versionDir(ref);
                fs.delete(new Path(dir, Manifest.FILE_NAME), false);
                fs.delete(dir, true);
                fs.delete(new Path(new Path(store.nameDir(ref), VersionClaims.DIR), "v" + ref.version()), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("garbage collection of " + store.uri() + " failed", e);
        }
    }

    private void scanName(ArtifactRef any, long cutoffMillis, Set<String> liveTokens, List<Path> incomplete,
                          List<Path> claims) throws IOException {
        Path nameDir = store.nameDir(any);
        VersionClaims versionClaims = new VersionClaims(fs, nameDir);
        Set<Integer> published = new HashSet<>();
        for (int v : versionClaims.numbersIn(nameDir)) {
            ArtifactRef ref = any.withVersion(v);
            if (store.exists(ref)) {
                published.add(v);
            } else if (newestChange(store.versionDir(ref)) < cutoffMillis) {
                incomplete.add(store.versionDir(ref));
            }
        }
        List<Integer> inUse = versionClaims.numbersInUse();
        int newest = inUse.isEmpty() ? 0 : inUse.get(inUse.size() - 1);
        Path claimsDir = new Path(nameDir, VersionClaims.DIR);
        for (int v : versionClaims.numbersIn(claimsDir)) {
            Path claim = new Path(claimsDir, "v" + v);
            if (v == newest || published.contains(v) || liveTokens.contains(versionClaims.owner(v))) {
                continue;
            }
            boolean versionDirLeft = fs.exists(store.versionDir(any.withVersion(v)))
                    && !incomplete.contains(store.versionDir(any.withVersion(v)));
            if (!versionDirLeft && fs.getFileStatus(claim).getModificationTime() < cutoffMillis) {
                claims.add(claim);
            }
        }
    }

    private List<ArtifactRef> oldVersions(Settings settings, Map<ArtifactRef, ArtifactRef> keptForLineage) {
        List<ArtifactRef> candidates = new ArrayList<>();
        List<ArtifactRef> kept = new ArrayList<>();
        for (ArtifactKind kind : store.kinds()) {
            for (String name : store.names(kind)) {
                List<ArtifactRef> versions = store.versions(kind, name);
                int drop = inScope(settings.scope(), kind, name) ? Math.max(0, versions.size() - settings.keepLast()) : 0;
                candidates.addAll(versions.subList(0, drop));
                kept.addAll(versions.subList(drop, versions.size()));
            }
        }
        Map<ArtifactRef, ArtifactRef> namedBy = lineageOf(kept);
        List<ArtifactRef> remove = new ArrayList<>();
        for (ArtifactRef ref : candidates) {
            if (namedBy.containsKey(ref)) {
                keptForLineage.put(ref, namedBy.get(ref));
            } else {
                remove.add(ref);
            }
        }
        return remove;
    }

    /** Every artifact the lineage of {@code kept} names, each with the artifact whose manifest lists it. */
    private Map<ArtifactRef, ArtifactRef> lineageOf(List<ArtifactRef> kept) {
        Map<ArtifactRef, ArtifactRef> namedBy = new LinkedHashMap<>();
        Deque<ArtifactRef> queue = new ArrayDeque<>(kept);
        Set<ArtifactRef> seen = new LinkedHashSet<>(kept);
        while (!queue.isEmpty()) {
            ArtifactRef ref = queue.poll();
            if (!store.exists(ref)) {
                continue;
            }
            for (String input : store.manifest(ref).inputs()) {
                ArtifactRef in = ArtifactRef.parse(input);
                namedBy.putIfAbsent(in, ref);
                if (seen.add(in)) {
                    queue.add(in);
                }
            }
        }
        return namedBy;
    }

    private static boolean inScope(String scope, ArtifactKind kind, String name) {
        return scope == null || scope.equals(kind.dirName()) || scope.equals(kind.dirName() + "/" + name);
    }

    private List<FileStatus> list(Path dir) throws IOException {
        try {
            return List.of(fs.listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    /** The newest modification time of {@code path} and everything under it, in epoch millis. */
    private long newestChange(Path path) throws IOException {
        long newest = fs.getFileStatus(path).getModificationTime();
        if (fs.getFileStatus(path).isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
            while (it.hasNext()) {
                newest = Math.max(newest, it.next().getModificationTime());
            }
        }
        return newest;
    }
}
