package dev.tumbler.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folders of a training run: {@code <runs>/<phase>/<name>/run-NNNN/}, holding {@code checkpoints/},
 * {@code metrics.csv} and {@code report.html}. Every run started without {@code --resume} gets the next number, so
 * reusing a name never mixes two runs; {@code --resume} continues the newest run of the name.
 */
public record RunFolder(Path dir, Configuration conf) {
    private static final String PREFIX = "run-";

    /** The checkpoints of this run. */
    public Path checkpoints() {
        return new Path(dir, "checkpoints");
    }

    /** A new run folder of {@code name}, numbered after the newest one. */
    public static RunFolder next(Path nameDir, Configuration conf) {
        long number = newest(nameDir, conf).map(RunFolder::number).orElse(0L) + 1;
        Path dir = new Path(nameDir, String.format("%s%04d", PREFIX, number));
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.mkdirs(dir)) {
                throw new IOException("cannot create " + dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating the run folder " + dir, e);
        }
        return new RunFolder(dir, conf);
    }

    /** The newest run folder of {@code name}, if any. */
    public static Optional<Path> newest(Path nameDir, Configuration conf) {
        try {
            FileSystem fs = nameDir.getFileSystem(conf);
            if (!fs.exists(nameDir)) {
                return Optional.empty();
            }
            Path best = null;
            for (FileStatus s : fs.listStatus(nameDir)) {
                if (s.isDirectory() && s.getPath().getName().matches(PREFIX + "\\d+")
                        && (best == null || number(s.getPath()) > number(best))) {
                    best = s.getPath();
                }
            }
            return Optional.ofNullable(best);
        } catch (IOException e) {
            throw new UncheckedIOException("listing runs under " + nameDir, e);
        }
    }

    /** Whether {@code name} holds checkpoints in the layout of earlier releases ({@code <name>/checkpoints/}). */
    public static boolean hasEarlierLayout(Path nameDir, Configuration conf) {
        try {
            return nameDir.getFileSystem(conf).exists(new Path(nameDir, "checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("looking for checkpoints under " + nameDir, e);
        }
    }

    private static long number(Path runDir) {
        return Long.parseLong(runDir.getName().substring(PREFIX.length()));
    }
}
