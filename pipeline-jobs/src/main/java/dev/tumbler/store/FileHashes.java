package dev.tumbler.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** sha256 and size of every file under a directory, keyed by relative path. Checksum side files are skipped. */
final class FileHashes {
    private FileHashes() {
    }

    static Map<String, Manifest.FileEntry> ofTree(FileSystem fs, Path dir) throws IOException {
        Map<String, Manifest.FileEntry> out = new TreeMap<>();
        String prefix = fs.makeQualified(dir).toUri().getPath();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus st = it.next();
            String name = st.getPath().getName();
            if (name.endsWith(".crc") || name.equals("_manifest.json.tmp")) {
                continue;
            }
            String rel = st.getPath().toUri().getPath().substring(prefix.length());
            rel = rel.startsWith("/") ? rel.substring(1) : rel;
            out.put(rel, new Manifest.FileEntry(sha256(fs, st.getPath()), st.getLen()));
        }
        return out;
    }

    static String sha256(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
