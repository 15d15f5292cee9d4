package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.cli.TumblerCli;
import dev.tumbler.model.transformer.ModelFiles;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code pretrain --resume} from the CLI as a user runs it: a run killed (SIGKILL, in a JVM of its own) five times
 * and resumed each time ends with the parameters and losses of an uninterrupted run; each run of a name has its own
 * folder; a checkpoint of another model is refused; a step count that is not a whole number of rounds is rounded
 * and said.
 */
@Tag("slow")
class PretrainResumeTest {
    private static final int KILLS = 5;

    @TempDir
    static Path dir;
    private static String store;

    @BeforeAll
    static void shards() throws Exception {
        store = dir.resolve("store").toString();
        TinyShards.build(dir, store);
    }

    private List<String> pretrain(String name, int steps, String... extra) {
        List<String> args = new ArrayList<>(List.of("pretrain", "--store", store, "--shards", "shards/s",
                "--model", TinyShards.tinyPreset().toString(), "--name", name, "--steps", Integer.toString(steps),
                "--workers", "2", "--batch-per-worker", "4", "--averaging-frequency", "2", "--warmup", "2",
                "--lr", "0.003", "--checkpoint-every", "1", "--validate-every", "2", "--master", "local[2]",
                "--set", "model.d_model=16", "--set", "model.n_layers=1", "--set", "model.n_heads=2"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void aRunKilledAndResumedFiveTimesEndsWhereAnUninterruptedRunEnds() throws Exception {
        int steps = 40;
        String straight = TinyShards.run(pretrain("straight", steps).toArray(String[]::new));
        assertTrue(straight.strip().endsWith("artifact: model/straight/v1"), straight);

        Path checkpoints = dir.resolve("store/_runs/pretrain/killed/run-0001/checkpoints");
        long lastRound = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> args = pretrain("killed", steps);
            if (kill > 0) {
                args.add("--resume");
            }
            long reached = runUntilNewCheckpointThenKill(args, checkpoints, lastRound);
            assertTrue(reached > lastRound, "kill " + kill + " made no progress");
            lastRound = reached;
        }
        assertTrue(lastRound < steps / 2, "the killed run finished before its fifth kill");
        String resumed = TinyShards.run(pretrain("killed", steps, "--resume").toArray(String[]::new));
        assertTrue(resumed.contains("resuming from"), resumed);
        assertTrue(resumed.strip().endsWith("artifact: model/killed/v1"), resumed);

        INDArray a = ModelFiles.load(dir.resolve("store/model/straight/v1")).graph().params();
        INDArray b = ModelFiles.load(dir.resolve("store/model/killed/v1")).graph().params();
        double relative = a.sub(b).norm2Number().doubleValue() / a.norm2Number().doubleValue();
        assertTrue(relative < 1e-4, "relative parameter difference " + relative);
        List<double[]> straightRows = lossColumns(dir.resolve("store/model/straight/v1/metrics.csv"));
        List<double[]> killedRows = lossColumns(dir.resolve("store/model/killed/v1/metrics.csv"));
        assertEquals(steps / 2, straightRows.size());
        assertEquals(straightRows.size(), killedRows.size(), "every step once");
        for (int i = 0; i < straightRows.size(); i++) {
            double[] s = straightRows.get(i);
            double[] k = killedRows.get(i);
            assertEquals(s[0], k[0], "step of row " + i);
            assertEquals(s[1], k[1], 1e-4 * s[1], "loss at step " + s[0]);
            assertEquals(Double.isNaN(s[2]), Double.isNaN(k[2]), "validated at step " + s[0]);
            if (!Double.isNaN(s[2])) {
                assertEquals(s[2], k[2], 1e-4 * s[2], "validation loss at step " + s[0]);
            }
        }
    }

    @Test
    void eachRunOfANameHasItsOwnFolderAndForeignCheckpointsAndBadSettingsAreRefused() throws Exception {
        TinyShards.run(pretrain("again", 4).toArray(String[]::new));
        String second = TinyShards.run(pretrain("again", 6).toArray(String[]::new));
        assertTrue(second.contains("run-0002"), second);
        assertEquals(3, lossColumns(dir.resolve("store/model/again/v2/metrics.csv")).size(),
                "the second run's metrics hold only its own 3 rounds");

        String refused = TinyShards.runExpecting(2,
                pretrain("again", 8, "--resume", "--set", "model.d_model=32").toArray(String[]::new));
        assertTrue(refused.contains("model.d_model is 16 in the checkpoint but 32 in this run"), refused);

        String seqLen = TinyShards.runExpecting(2,
                pretrain("conflict", 2, "--set", "model.seq_len=32").toArray(String[]::new));
        assertTrue(seqLen.contains("model.seq_len 32 (--set model.seq_len)")
                && seqLen.contains("the shards' seq_len 16"), seqLen);
        String head = TinyShards.runExpecting(2,
                pretrain("scalar", 2, "--set", "model.head=SCALAR").toArray(String[]::new));
        assertTrue(head.contains("model.head SCALAR"), head);
        assertFalse(Files.exists(dir.resolve("store/_runs/pretrain/conflict")), "refused before any work");

        String rounded = TinyShards.run(pretrain("odd", 5).toArray(String[]::new));
        assertTrue(rounded.contains("train.steps 5 is not a multiple of a round (averaging_frequency 2): "
                + "training 6 steps"), rounded);
        assertTrue(rounded.contains("step      6"), rounded);
        assertFalse(rounded.contains("step      8"), rounded);
    }

    /** Step, loss and validation loss of each row of a metrics.csv (not the timings, which differ between runs). */
    private static List<double[]> lossColumns(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int step = header.indexOf("step");
        int loss = header.indexOf("loss");
        int val = header.indexOf("val_loss");
        return lines.stream().skip(1).map(l -> l.split(",", -1))
                .map(f -> new double[] {Double.parseDouble(f[step]), Double.parseDouble(f[loss]),
                        f[val].isEmpty() ? Double.NaN : Double.parseDouble(f[val])}).toList();
    }

    /**
     * Runs the CLI in a JVM of its own, waits until a checkpoint newer than round {@code after} is complete, kills
     * the JVM with SIGKILL, and returns the newest complete round.
     */
    private static long runUntilNewCheckpointThenKill(List<String> args, Path checkpoints, long after)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.add("-Dspark.kryo.registrator=" + System.getProperty("spark.kryo.registrator"));
        Path argFile = Files.createTempFile("pretrain-classpath", ".args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"");
        command.add("@" + argFile);
        command.add(TumblerCli.class.getName());
        command.addAll(args);
        File log = Files.createTempFile("pretrain-child", ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                long newest = newestComplete(checkpoints);
                if (newest > after) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                    return newestComplete(checkpoints);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("pretrain exited with " + process.exitValue()
                            + " before it was killed:\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("no new checkpoint within 180 s:\n"
                    + Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(argFile);
            Files.deleteIfExists(log.toPath());
        }
    }

    private static long newestComplete(Path checkpoints) throws Exception {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(p -> p.getFileName().toString().startsWith("round-"))
                    .filter(p -> Files.exists(p.resolve("_COMPLETE")))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring("round-".length())))
                    .max().orElse(0);
        }
    }
}
