package dev.tumbler.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** sha256 and size of every file under a directory, keyed by relative path. Checksum side files are skipped. */
final class FileHashes {
    static final String MANIFEST_TMP = "_manifest.json.tmp";

    private FileHashes() {
    }

    static Map<String, Manifest.FileEntry> ofTree(FileSystem fs, Path dir) throws IOException {
        Map<String, Manifest.FileEntry> out = new TreeMap<>();
        for (LocatedFileStatus st : list(fs, dir)) {
            out.put(relative(fs, dir, st.getPath()), new Manifest.FileEntry(sha256(fs, st.getPath()), st.getLen()));
        }
        return out;
    }

    /** Every data file under {@code dir}, without local checksum side files and the manifest's temp file. */
    static List<LocatedFileStatus> list(FileSystem fs, Path dir) throws IOException {
        List<LocatedFileStatus> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus st = it.next();
            String name = st.getPath().getName();
            if (!name.endsWith(".crc") && !name.equals(MANIFEST_TMP)) {
                out.add(st);
            }
        }
        return out;
    }

    /** {@code file}'s path relative to {@code dir}, with '/' separators. */
    static String relative(FileSystem fs, Path dir, Path file) {
        String prefix = fs.makeQualified(dir).toUri().getPath();
        String rel = fs.makeQualified(file).toUri().getPath().substring(prefix.length());
        return rel.startsWith("/") ? rel.substring(1) : rel;
    }

    static String sha256(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            MessageDigest md = Sha256.newDigest();
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
