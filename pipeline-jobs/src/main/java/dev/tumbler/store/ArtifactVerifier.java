package dev.tumbler.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Compares the files of a version directory with its manifest: every listed file must be there
 * with its size, files the policy selects must have their sha256, and no unlisted file may appear.
 */
final class ArtifactVerifier {
    private ArtifactVerifier() {
    }

    /** One line per bad file, {@code path: what is wrong}; empty when the files match. */
    static List<String> problems(FileSystem fs, Path versionDir, Manifest manifest, HashPolicy policy)
            throws IOException {
        Map<String, LocatedFileStatus> found = new TreeMap<>();
        for (LocatedFileStatus st : FileHashes.list(fs, versionDir)) {
            found.put(FileHashes.relative(fs, versionDir, st.getPath()), st);
        }
        found.remove(Manifest.FILE_NAME);
        List<String> problems = new ArrayList<>();
        for (var e : new TreeMap<>(manifest.files()).entrySet()) {
            String path = e.getKey();
            Manifest.FileEntry expected = e.getValue();
            LocatedFileStatus st = found.remove(path);
            if (st == null) {
                problems.add(path + ": missing");
            } else if (st.getLen() != expected.bytes()) {
                problems.add(path + ": size differs (manifest " + expected.bytes() + " bytes, found " + st.getLen() + ")");
            } else if (policy.hashes(expected.bytes())) {
                String sha;
                try {
                    sha = FileHashes.sha256(fs, st.getPath());
                } catch (ChecksumException damaged) {   // the local file system's .crc side file disagrees
                    problems.add(path + ": damaged (" + damaged.getMessage() + ")");
                    continue;
                }
                if (!sha.equals(expected.sha256())) {
                    problems.add(path + ": sha256 differs (manifest " + expected.sha256() + ", found " + sha + ")");
                }
            }
        }
        found.keySet().forEach(path -> problems.add(path + ": not in manifest"));
        return problems;
    }
}
