package dev.tumbler.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Version numbers of one {@code kind/name}, claimed exclusively by creating {@code _claims/vN}.
 * The claim file holds its owner's token (the staging directory's name), so a publisher can check
 * just before it commits that the number is still its own.
 *
 * <p>Exclusivity comes from the file system: HDFS creates a file without overwrite atomically at
 * the NameNode; on the local file system the claim is made with {@code O_EXCL}
 * ({@link java.nio.file.StandardOpenOption#CREATE_NEW}), because Hadoop's local create checks and
 * then creates. S3A in Hadoop 3.3.4 has no create-if-absent, so on S3 the token read-back narrows
 * the race between two publishers of the same name but cannot close it: run one publisher per
 * name there.
 */
final class VersionClaims {
    static final String DIR = "_claims";

    private final FileSystem fs;
    private final Path nameDir;

    VersionClaims(FileSystem fs, Path nameDir) {
        this.fs = fs;
        this.nameDir = nameDir;
    }

    /** Claims the smallest version above every version and claim there is, and returns it. */
    int claimNext(String token) throws IOException {
        Path claims = new Path(nameDir, DIR);
        fs.mkdirs(claims);
        List<Integer> used = numbersInUse();
        int candidate = used.isEmpty() ? 1 : used.get(used.size() - 1) + 1;
        for (int attempt = 0; attempt < 1000; attempt++, candidate++) {
            Path claim = new Path(claims, "v" + candidate);
            if (createExclusive(claim, token) && token.equals(owner(candidate))
                    && !fs.exists(new Path(nameDir, "v" + candidate))) {
                return candidate;
            }
        }
        throw new IOException("could not claim a version under " + nameDir);
    }

    /** The token in the claim of {@code version}, or null when there is no claim. */
    String owner(int version) throws IOException {
        try (InputStream in = fs.open(new Path(new Path(nameDir, DIR), "v" + version))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** Every version number that has a directory or a claim, ascending, without duplicates. */
    List<Integer> numbersInUse() throws IOException {
        List<Integer> numbers = new ArrayList<>(numbersIn(nameDir));
        numbers.addAll(numbersIn(new Path(nameDir, DIR)));
        return numbers.stream().distinct().sorted().toList();
    }

    /** The version numbers named {@code vN} directly under {@code dir}. */
    List<Integer> numbersIn(Path dir) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        FileStatus[] children;
        try {
            children = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return numbers;
        }
        for (FileStatus st : children) {
            Integer v = versionOf(st.getPath().getName());
            if (v != null) {
                numbers.add(v);
            }
        }
        numbers.sort(null);
        return numbers;
    }

    /** N for a name {@code vN}, else null. */
    static Integer versionOf(String fileName) {
        return fileName.matches("v[1-9][0-9]{0,8}") ? Integer.valueOf(fileName.substring(1)) : null;
    }

    private boolean createExclusive(Path claim, String token) throws IOException {
        byte[] content = token.getBytes(StandardCharsets.UTF_8);
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            java.nio.file.Path file = java.nio.file.Path.of(fs.makeQualified(claim).toUri());
            try {
                Files.write(file, content, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(claim, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS reports a lost create race as a RemoteException wrapping FileAlreadyExistsException,
            // or AlreadyBeingCreatedException while the winner still holds the file open.
            if (fs.exists(claim)) {
                return false;
            }
            throw e;
        }
    }
}
