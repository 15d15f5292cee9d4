package dev.tumbler.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One tumbler command submitted to a {@link StandaloneCluster} through {@code deploy/standalone/submit.sh},
 * the wrapper users run. Its {@code spark-submit} is Spark's own launcher class
 * ({@code org.apache.spark.deploy.SparkSubmit}) run from the cluster's SPARK_HOME jars, as
 * {@code bin/spark-submit} would, with the Java 17 flags on the driver JVM. The driver's stdout and
 * stderr go to files, so a test can watch progress while the job runs.
 */
final class SparkSubmitRun {
    final Process process;
    final Path stdout;
    final Path stderr;

    private SparkSubmitRun(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param sparkOptions spark-submit options (after the master URL)
     * @param command      the tumbler command line
     */
    static SparkSubmitRun start(StandaloneCluster cluster, Path repoRoot, Path jar, Path dir, String name,
                                List<String> sparkOptions, List<String> command) throws IOException {
        Path submit = sparkSubmitScript(cluster, repoRoot, dir);
        List<String> line = new ArrayList<>(List.of(repoRoot.resolve("deploy/standalone/submit.sh").toString(),
                cluster.masterUrl()));
        line.addAll(sparkOptions);
        line.add("--");
        line.addAll(command);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(line).directory(repoRoot.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        StandaloneCluster.environment(pb.environment(), cluster.sparkHome());
        pb.environment().put("SPARK_SUBMIT", submit.toString());
        pb.environment().put("TUMBLER_JAR", jar.toString());
        return new SparkSubmitRun(pb.start(), out, err);
    }

    /** Waits for the driver to exit and returns its exit code; kills it after {@code timeout}. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            return -1;
        }
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** What a failure message shows: stdout and the tail of stderr. */
    String transcript() throws IOException {
        String e = err();
        return "--- stdout\n" + out() + "\n--- stderr (tail)\n" + e.substring(Math.max(0, e.length() - 6000));
    }

    private static Path sparkSubmitScript(StandaloneCluster cluster, Path repoRoot, Path dir) throws IOException {
        Path script = dir.resolve("spark-submit");
        if (Files.exists(script)) {
            return script;
        }
        StringBuilder sb = new StringBuilder("#!/bin/sh\n# spark-submit from the cluster's SPARK_HOME jars.\nexec '")
                .append(StandaloneCluster.javaBin()).append("' -Xmx1g");
        StandaloneCluster.JAVA17_OPENS.forEach(o -> sb.append(' ').append(o));
        sb.append(" '-Dlog4j2.configurationFile=").append(repoRoot.resolve("conf/log4j2.properties")).append("'")
                .append(" -cp '").append(cluster.sparkHome().resolve("jars")).append("/*'")
                .append(" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
        Files.writeString(script, sb.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
