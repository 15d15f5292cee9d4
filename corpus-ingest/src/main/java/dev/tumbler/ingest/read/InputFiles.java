package dev.tumbler.ingest.read;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Expands input URIs (files, directories, globs) into the {@link InputFile}s to read. Every URI is
 * checked to exist before anything is expanded, so a typo fails the job up front.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * Lists the files under {@code uris}: directories are walked recursively, globs are expanded, and
     * names starting with {@code _} or {@code .} (such as {@code _SUCCESS}, {@code .part-0.crc}) or
     * ending in {@code .crc} are skipped when met through a directory or glob. The format of each file
     * comes from {@link InputFormats#detect}. The result is sorted by URI and has no duplicates.
     *
     * @throws FileNotFoundException "input path does not exist: &lt;uri&gt;" for a missing path or a
     *                               glob matching nothing
     * @throws IOException           when the inputs hold no files at all
     * @throws IllegalArgumentException when a file's format cannot be told from its name
     */
    public static List<InputFile> list(List<String> uris, Configuration conf) throws IOException {
        return listing(uris, conf).files();
    }

    /** The files to read, and the files met inside directories whose format is unknown (skipped, reported). */
    public record Listing(List<InputFile> files, List<String> skipped) {
    }

    /**
     * Like {@link #list}, but a file of unknown format met while walking a directory (a {@code .wat},
     * a README) is skipped and returned in {@link Listing#skipped()} for the caller to report. A file
     * named directly must have a known format.
     */
    public static Listing listing(List<String> uris, Configuration conf) throws IOException {
        if (uris == null || uris.isEmpty()) {
            throw new IllegalArgumentException("no input paths given");
        }
        List<FileStatus[]> roots = new ArrayList<>(uris.size());
        List<FileSystem> systems = new ArrayList<>(uris.size());
        for (String uri : uris) {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new FileNotFoundException("input path does not exist: " + uri);
            }
            boolean glob = isGlob(uri);
            List<FileStatus> kept = new ArrayList<>(matches.length);
            for (FileStatus m : matches) {
                if (!glob || visible(m.getPath())) {
                    kept.add(m);
                }
            }
            roots.add(kept.toArray(new FileStatus[0]));
            systems.add(fs);
        }
        Map<String, InputFile> files = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            for (FileStatus status : roots.get(i)) {
                collect(systems.get(i), status, files, skipped, false);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("input paths hold no readable files: " + uris
                    + (skipped.isEmpty() ? "" : " (skipped, unknown format: " + skipped + ")"));
        }
        skipped.sort(null);
        return new Listing(List.copyOf(files.values()), List.copyOf(skipped));
    }

    private static void collect(FileSystem fs, FileStatus status, Map<String, InputFile> out, List<String> skipped,
                                boolean insideDirectory) throws IOException {
        if (status.isDirectory()) {
            for (FileStatus child : fs.listStatus(status.getPath())) {
                if (visible(child.getPath())) {
                    collect(fs, child, out, skipped, true);
                }
            }
        } else {
            String uri = status.getPath().toString();
            if (insideDirectory && !InputFormats.known(uri)) {
                skipped.add(uri);
                return;
            }
            String etag = status instanceof EtagSource source ? source.getEtag() : null;
            out.put(uri, new InputFile(uri, status.getLen(), InputFormats.detect(uri), status.getModificationTime(),
                    etag == null || etag.isEmpty() ? null : etag));
        }
    }

    private static boolean visible(Path path) {
        String name = path.getName();
        return !name.startsWith("_") && !name.startsWith(".") && !name.endsWith(".crc");
    }

    private static boolean isGlob(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }
}
