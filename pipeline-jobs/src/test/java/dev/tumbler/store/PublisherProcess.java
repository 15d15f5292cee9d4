package dev.tumbler.store;

import dev.tumbler.jobs.HadoopConfs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;

/**
 * A publisher in a JVM of its own, for the kill test: it stages an artifact's files, says so on
 * stdout, and then keeps writing one more file until it is killed, never reaching publish.
 */
final class PublisherProcess {
    static final String STAGED = "STAGED ";

    private PublisherProcess() {
    }

    /** The child: {@code <store-uri> <kind> <name>}; the file system's settings come as spark.hadoop.* properties. */
    public static void main(String[] args) throws Exception {
        ArtifactStore store = ArtifactStore.open(args[0], HadoopConfs.fromSystemProperties());
        StagingArea staging = store.stage(ArtifactKind.parse(args[1], "kind"), args[2]);
        for (int i = 0; i < 3; i++) {
            StoreFiles.write(store, new Path(staging.dir(), "documents/part-" + i + ".txt"), "document " + i);
        }
        System.out.println(STAGED + staging.ref());
        System.out.flush();
        byte[] block = new byte[4096];
        try (FSDataOutputStream out = store.fileSystem().create(new Path(staging.dir(), "documents/part-3.txt"))) {
            while (true) {   // mid-write until killed
                out.write(block);
                out.hflush();
                Thread.sleep(20);
            }
        }
    }

    /**
     * Starts the child against {@code storeUri}, waits for it to report its staged files, kills it
     * with {@link Process#destroyForcibly} while it is still writing, and returns the ref it staged.
     */
    static String runUntilStagedThenKill(String storeUri, String kind, String name, Map<String, String> properties)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        java.nio.file.Path argFile = Files.createTempFile("publisher-classpath", ".args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"");
        command.add("@" + argFile);
        command.addAll(List.of(PublisherProcess.class.getName(), storeUri, kind, name));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        StringBuilder seen = new StringBuilder();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith(STAGED)) {
                    Thread.sleep(300);   // let it get into the middle of the next file
                    if (!process.isAlive()) {
                        throw new IllegalStateException("publisher exited before it was killed:\n" + seen);
                    }
                    return line.substring(STAGED.length()).strip();
                }
                if (line != null) {
                    seen.append(line).append('\n');
                }
                if (line == null && !process.isAlive()) {
                    throw new IllegalStateException("publisher exited with " + process.exitValue() + ":\n" + seen);
                }
            }
            throw new IllegalStateException("publisher did not stage within 120 s:\n" + seen);
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(argFile);
        }
    }
}
