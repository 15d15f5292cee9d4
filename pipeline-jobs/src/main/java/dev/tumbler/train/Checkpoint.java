package dev.tumbler.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Training checkpoints in a directory on any Hadoop file system. Each is a folder {@code round-NNNNNNNNNN} holding
 * {@code model.zip} (parameters, network configuration with its iteration count, and updater state),
 * {@code state.json} (the {@link TrainState}: data position and seed, the whole RNG state of a run),
 * {@code config.json} (the run's configuration) and a {@code _COMPLETE} marker. It is written under a temporary name
 * and renamed, and {@link #latest} ignores folders without the marker, so a crash never leaves a half checkpoint
 * that looks complete.
 */
public final class Checkpoint {
    private static final String PREFIX = "round-";
    private static final String COMPLETE = "_COMPLETE";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A checkpoint read back. */
    public record Loaded(ComputationGraph graph, TrainState state, String configJson) {
    }

    private Checkpoint() {
    }

    /** Writes a checkpoint of {@code graph} at {@code state} under {@code dir}; returns its folder. */
    public static Path save(Path dir, Configuration conf, ComputationGraph graph, TrainState state,
                            String configJson) {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            Path target = new Path(dir, String.format("%s%010d", PREFIX, state.round()));
            Path temp = new Path(dir, "_tmp-" + target.getName() + "-" + System.nanoTime());
            fs.mkdirs(temp);
            try (OutputStream out = fs.create(new Path(temp, "model.zip"))) {
                ModelSerializer.writeModel(graph, out, true);
            }
            write(fs, new Path(temp, "state.json"), JSON.writeValueAsString(state));
            write(fs, new Path(temp, "config.json"), configJson == null ? "{}" : configJson);
            write(fs, new Path(temp, COMPLETE), "");
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("could not rename " + temp + " to " + target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint under " + dir, e);
        }
    }

    /** The complete checkpoint with the most rounds under {@code dir}, if any. */
    public static Optional<Path> latest(Path dir, Configuration conf) {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return Optional.empty();
            }
            Path best = null;
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (s.isDirectory() && name.startsWith(PREFIX) && fs.exists(new Path(s.getPath(), COMPLETE))
                        && (best == null || name.compareTo(best.getName()) > 0)) {
                    best = s.getPath();
                }
            }
            return Optional.ofNullable(best);
        } catch (IOException e) {
            throw new UncheckedIOException("listing checkpoints under " + dir, e);
        }
    }

    /** The run configuration stored with a checkpoint, read without loading its network. */
    public static String configJson(Path checkpoint, Configuration conf) {
        try {
            return read(checkpoint.getFileSystem(conf), new Path(checkpoint, "config.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the run config of checkpoint " + checkpoint, e);
        }
    }

    /** Reads a checkpoint folder back: network with updater state, training state and configuration. */
    public static Loaded load(Path checkpoint, Configuration conf) {
        try {
            FileSystem fs = checkpoint.getFileSystem(conf);
            if (!fs.exists(new Path(checkpoint, COMPLETE))) {
                throw new IOException(checkpoint + " is not a complete checkpoint");
            }
            ComputationGraph graph;
            try (InputStream in = fs.open(new Path(checkpoint, "model.zip"))) {
                graph = ModelSerializer.restoreComputationGraph(in, true);
            }
            TrainState state = JSON.readValue(read(fs, new Path(checkpoint, "state.json")), TrainState.class);
            graph.getConfiguration().setIterationCount(Math.toIntExact(state.iteration()));
            return new Loaded(graph, state, read(fs, new Path(checkpoint, "config.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading checkpoint " + checkpoint, e);
        }
    }

    private static void write(FileSystem fs, Path path, String text) throws IOException {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
