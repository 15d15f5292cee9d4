package dev.tumbler.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on loopback for tests: one Master and N Workers, each its own JVM
 * started with {@code java -cp SPARK_HOME/jars/*}, where SPARK_HOME is a folder whose {@code jars/}
 * links the Spark/Hadoop/Scala jars of the build's provided class path (no Spark distribution
 * needed). Workers launch executors in their own JVMs from that SPARK_HOME. Logs go to files under
 * the cluster's folder; {@link #close} ends every process it started and their children.
 */
final class StandaloneCluster implements AutoCloseable {
    static final List<String> JAVA17_OPENS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    private final Path dir;
    private final Path sparkHome;
    private final Path logConfig;
    private final int masterPort = freePort();
    private final int masterWebPort = freePort();
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path dir, Path sparkHome, Path logConfig) {
        this.dir = dir;
        this.sparkHome = sparkHome;
        this.logConfig = logConfig;
    }

    /**
     * Starts a Master and {@code workers} Workers of {@code coresPerWorker} cores and {@code memoryPerWorker}
     * (e.g. "1g") each, and waits until all Workers have registered.
     *
     * @param providedClassPath the build's provided class path (Spark, Hadoop, Scala), path-separated
     * @param runtimeClassPath  the build's runtime class path (Spark's libraries that Maven resolved at
     *                          compile scope), path-separated
     * @param repoRoot          the repository, whose own module jars stay out of the cluster's class path
     */
    static StandaloneCluster start(Path dir, String providedClassPath, String runtimeClassPath, Path repoRoot,
                                   Path logConfig, int workers, int coresPerWorker,
                                   String memoryPerWorker) throws Exception {
        Path sparkHome = SparkHome.create(dir.resolve("spark-home"), providedClassPath, runtimeClassPath, repoRoot);
        StandaloneCluster cluster = new StandaloneCluster(dir, sparkHome, logConfig);
        try {
            cluster.processes.add(cluster.daemon("master", "org.apache.spark.deploy.master.Master", "512m",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(cluster.masterWebPort)));
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i + "-work"));
                Process worker = cluster.daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", "512m",
                        cluster.masterUrl(), "--host", "127.0.0.1", "--port", String.valueOf(freePort()),
                        "--webui-port", String.valueOf(freePort()), "--cores", String.valueOf(coresPerWorker),
                        "--memory", memoryPerWorker, "--work-dir", work.toString());
                cluster.processes.add(worker);
                cluster.workers.add(worker);
            }
            cluster.awaitAliveWorkers(workers, Duration.ofSeconds(120));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    Path sparkHome() {
        return sparkHome;
    }

    /** The executor JVMs that Worker {@code i} runs now. */
    List<ProcessHandle> executorsOf(int i) {
        return workers.get(i).toHandle().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Kills Worker {@code i} and its executors at once (SIGKILL), as when its machine dies. */
    void killWorker(int i) throws InterruptedException {
        Process worker = workers.get(i);
        List<ProcessHandle> children = worker.toHandle().descendants().toList();
        worker.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        worker.waitFor();
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
    }

    /** The master's view, as its web UI's JSON. */
    String masterState() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebPort + "/json/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** The tail of every daemon log, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                sb.append("==> ").append(log.getFileName()).append('\n')
                        .append(text.substring(Math.max(0, text.length() - 4000))).append('\n');
            }
        } catch (IOException e) {
            sb.append("(cannot read logs: ").append(e).append(")");
        }
        return sb.toString();
    }

    private void awaitAliveWorkers(int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster daemon exited with " + p.exitValue() + "\n" + logs());
                }
            }
            try {
                last = masterState();
                Matcher m = alive.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();  // the master's UI is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("fewer than " + n + " workers registered: " + last + "\n" + logs());
    }

    private Process daemon(String name, String mainClass, String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap));
        command.addAll(JAVA17_OPENS);
        command.add("-Dlog4j2.configurationFile=" + logConfig);
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        environment(pb.environment(), sparkHome);
        return pb.start();
    }

    /** What every cluster process needs: SPARK_HOME, the Scala version (Workers fail without it), loopback, Java. */
    static void environment(Map<String, String> env, Path sparkHome) {
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
