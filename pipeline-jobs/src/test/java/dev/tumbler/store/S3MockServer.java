package dev.tumbler.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * An S3 API server for the tests: Adobe S3Mock, started from its executable jar as a JVM of its
 * own (its Spring Boot, Jetty and Jackson never meet Spark's), serving plain HTTP on a loopback
 * port with one bucket. {@link #hadoopConf} points s3a:// at it with path-style access and fake
 * credentials.
 */
final class S3MockServer implements AutoCloseable {
    /** Set by the build (pipeline-jobs/pom.xml) to the S3Mock jar in the local Maven repository. */
    static final String JAR_PROPERTY = "tumbler.test.s3mock.jar";

    private final Process process;
    private final Path root;
    private final Path log;
    private final int port;
    private final String bucket;

    private S3MockServer(Process process, Path root, Path log, int port, String bucket) {
        this.process = process;
        this.root = root;
        this.log = log;
        this.port = port;
        this.bucket = bucket;
    }

    /** Starts S3Mock with {@code bucket} and waits until it answers (its start takes 10-30 s). */
    static S3MockServer start(String bucket) throws IOException, InterruptedException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property " + JAR_PROPERTY + " does not name the S3Mock jar ("
                    + jar + "); run the test through Maven, which sets it");
        }
        int port = freeLoopbackPort();
        Path root = Files.createTempDirectory("tumbler-s3mock");
        Path log = root.resolveSibling(root.getFileName() + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--server.address=127.0.0.1", "--server.port=0",
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--com.adobe.testing.s3mock.domain.root=" + root,
                "--com.adobe.testing.s3mock.domain.initialBuckets=" + bucket,
                "--spring.main.banner-mode=off");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        S3MockServer server = new S3MockServer(process, root, log, port, bucket);
        server.awaitBucket(Duration.ofSeconds(180));
        return server;
    }

    /** s3a://bucket/ */
    String bucketUri() {
        return "s3a://" + bucket + "/";
    }

    /** The settings that take s3a:// to this server, also as {@code spark.hadoop.*} properties for a child JVM. */
    Map<String, String> s3aSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        s.put("fs.s3a.endpoint.region", "us-east-1");
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", "false");
        s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        s.put("fs.s3a.access.key", "tumbler-test");
        s.put("fs.s3a.secret.key", "tumbler-test-secret");
        // S3Mock ignores If-Match on GET, so S3A compares ETags itself instead of asking the server to.
        s.put("fs.s3a.change.detection.mode", "client");
        s.put("fs.s3a.attempts.maximum", "3");
        s.put("fs.s3a.retry.limit", "3");
        return s;
    }

    Configuration hadoopConf() {
        Configuration conf = new Configuration();
        s3aSettings().forEach(conf::set);
        return conf;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LocalFiles.deleteRecursively(root);
        LocalFiles.deleteRecursively(log);
    }

    private void awaitBucket(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET()
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("<Name>" + bucket + "</Name>")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("S3Mock did not serve bucket " + bucket + " within " + timeout);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
