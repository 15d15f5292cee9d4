package dev.tumbler.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.cli.TumblerCli;
import dev.tumbler.model.transformer.ModelFiles;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real Spark standalone cluster (a Master and two one-core Workers, separate JVMs on
 * loopback): {@code ingest} and {@code pretrain} are submitted with the spark-submit jar through
 * {@code deploy/standalone/submit.sh}; one Worker and its executor are killed during pretraining,
 * and the job must still finish with a valid model. Runs in the integration-test phase, after
 * {@code package} has built the jar.
 */
@Tag("slow")
class StandaloneClusterIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

    @TempDir
    Path tempDir;

    @Test
    void ingestAndPretrainOnAStandaloneClusterSurviveALostWorker() throws Exception {
        // Under target/ when run by failsafe, so the driver and daemon logs outlive a failure.
        Path dir = System.getProperty("tumbler.it.dir") == null ? tempDir : fresh(Path.of(System.getProperty("tumbler.it.dir")));
        Path repo = Path.of(System.getProperty("tumbler.repo.root", "..")).toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("tumbler.spark.jar", "target/missing-spark.jar"));
        assertTrue(Files.isRegularFile(jar), "the spark-submit jar is built by 'mvn package': " + jar);
        String providedClassPath = Files.readString(Path.of(System.getProperty("tumbler.provided.classpath",
                "target/provided-classpath.txt")), StandardCharsets.UTF_8);
        String runtimeClassPath = Files.readString(Path.of(System.getProperty("tumbler.runtime.classpath",
                "target/runtime-classpath.txt")), StandardCharsets.UTF_8);
        Path input = writeDocuments(Files.createDirectories(dir.resolve("in")));
        String store = dir.resolve("store").toString();
        List<String> sparkOptions = List.of("--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=4");  // tiny data: the default 200 tasks per shuffle only cost time
        ArtifactStore artifacts = ArtifactStore.open(store, new Configuration());

        try (StandaloneCluster cluster = StandaloneCluster.start(Files.createDirectories(dir.resolve("cluster")),
                providedClassPath, runtimeClassPath, repo, repo.resolve("conf/log4j2.properties"), 2, 1, "1g")) {
            long started = System.nanoTime();
            SparkSubmitRun ingest = SparkSubmitRun.start(cluster, repo, jar, dir, "ingest", sparkOptions,
                    List.of("ingest", "--store", store, "--input", input.toString(), "--name", "c",
                            "--set", "ingest.filters=[]", "--set", "ingest.dedup.near=false"));
            assertEquals(0, ingest.await(JOB_TIMEOUT), ingest.transcript() + cluster.logs());
            assertTrue(ingest.out().strip().endsWith("artifact: corpus/c/v1"), ingest.transcript());
            Manifest corpus = artifacts.manifest(ArtifactRef.parse("corpus/c/v1"));
            assertEquals(80, ((Number) ((Map<?, ?>) corpus.metrics().get("output")).get("documents")).intValue(),
                    "80 distinct documents kept, the planted exact copy dropped on the cluster");
            System.out.printf("cluster ingest: %.1f s%n", (System.nanoTime() - started) / 1e9);

            // Tokenizer and shards in this JVM on local[2]: the cluster part under test is ingest and pretrain.
            assertEquals(0, TumblerCli.execute("tokenizer", "train", "--store", store, "--corpus", "corpus/c",
                    "--vocab-size", "300", "--name", "t", "--master", "local[2]"));
            assertEquals(0, TumblerCli.execute("shard", "--store", store, "--corpus", "corpus/c", "--tokenizer",
                    "tokenizer/t", "--seq-len", "16", "--val-fraction", "0.1", "--name", "s", "--master", "local[2]"));

            started = System.nanoTime();
            SparkSubmitRun pretrain = SparkSubmitRun.start(cluster, repo, jar, dir, "pretrain", sparkOptions,
                    List.of("pretrain", "--store", store, "--shards", "shards/s", "--model",
                            repo.resolve("conf/model/tiny.yaml").toString(), "--name", "m", "--steps", "12",
                            "--workers", "2", "--averaging-frequency", "2", "--batch-per-worker", "4", "--warmup", "2",
                            "--lr", "0.003", "--checkpoint-every", "1", "--validate-every", "2",
                            "--set", "model.d_model=16", "--set", "model.n_layers=1", "--set", "model.n_heads=2"));
            awaitFirstRound(pretrain, cluster);
            List<ProcessHandle> doomed = cluster.executorsOf(1);
            assertFalse(doomed.isEmpty(), "worker 1 runs an executor of the job\n" + cluster.logs());
            cluster.killWorker(1);
            assertTrue(pretrain.process.isAlive(), "the worker was killed while pretraining ran\n" + pretrain.transcript());
            int roundsBeforeKill = stepLines(pretrain.out());

            assertEquals(0, pretrain.await(JOB_TIMEOUT), pretrain.transcript() + cluster.logs());
            System.out.printf("cluster pretrain with a lost worker: %.1f s%n", (System.nanoTime() - started) / 1e9);
            String out = pretrain.out();
            assertTrue(stepLines(out) > roundsBeforeKill, "rounds ran after the kill\n" + out);
            assertTrue(pretrain.err().contains("Lost executor"), "the driver saw the executor go\n" + pretrain.transcript());
            assertTrue(out.strip().endsWith("artifact: model/m/v1"), pretrain.transcript());
        }

        ArtifactRef model = ArtifactRef.parse("model/m/v1");
        Manifest manifest = artifacts.manifest(model);
        assertEquals(List.of("shards/s/v1", "tokenizer/t/v1"), manifest.inputs());
        assertEquals(12, ((Number) manifest.metrics().get("steps")).intValue());
        double valLoss = ((Number) manifest.metrics().get("val_loss")).doubleValue();
        assertTrue(Double.isFinite(valLoss) && valLoss > 0 && valLoss < Math.log(300) + 1, "val loss " + valLoss);
        assertEquals(List.of(), artifacts.verify(model), "every file matches its manifest sha256");
        ModelFiles.Loaded loaded = ModelFiles.load(dir.resolve("store/model/m/v1"));
        assertEquals(300, loaded.config().vocabSize());
    }

    private static Path fresh(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** 80 distinct short documents and one exact copy, as JSONL. */
    private static Path writeDocuments(Path in) throws Exception {
        String[] animals = {"heron", "otter", "badger", "falcon", "beaver"};
        String[] places = {"river", "harbour", "meadow", "bridge"};
        String[] roles = {"clerk", "ferryman", "mayor", "teacher"};
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < 80; d++) {
            String text = "On day " + d + " the " + animals[d % 5] + " crossed the " + places[d % 4] + " near the mill. "
                    + "The " + roles[d % 4] + " counted " + (d * 7 % 31) + " boats and wrote the number in the ledger. "
                    + "By evening the " + places[(d + 1) % 4] + " was quiet again.";
            lines.add("{\"url\": \"https://example.org/" + d + "\", \"text\": \"" + text + "\"}");
        }
        lines.add(lines.get(3).replace("example.org/3", "mirror.example.net/3"));
        return Files.write(in.resolve("docs.jsonl"), lines, StandardCharsets.UTF_8);
    }

    private static void awaitFirstRound(SparkSubmitRun run, StandaloneCluster cluster) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (stepLines(run.out()) == 0) {
            if (!run.process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("pretraining never finished a round\n" + run.transcript() + cluster.logs());
            }
            Thread.sleep(200);
        }
    }

    private static int stepLines(String out) {
        return (int) out.lines().filter(l -> l.startsWith("step ")).count();
    }
}
