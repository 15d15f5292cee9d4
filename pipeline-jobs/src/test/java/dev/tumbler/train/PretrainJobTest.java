package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.artifacts.ModelArtifact;
import dev.tumbler.model.data.TokenizerMismatchException;
import dev.tumbler.model.transformer.ModelFiles;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.DamagedArtifactException;
import dev.tumbler.store.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ingest -> tokenizer -> shard -> pretrain (a very small transformer) through the CLI. Resuming is
 * covered by {@code SparkTrainerTest} and {@code ResumeValidationTest}; the "Op.Z argument was closed"
 * after a restore was Spark closing the parameters that validation broadcast (dl4j-findings 25).
 */
@Tag("slow")
class PretrainJobTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        return TinyShards.run(args);
    }

    @Test
    void pretrainsAndPublishesAModelWithLineage() throws Exception {
        String store = dir.resolve("store").toString();
        TinyShards.build(dir, store);
        Path in = dir.resolve("in");
        Path preset = TinyShards.tinyPreset();
        List<String> common = List.of("pretrain", "--store", store, "--shards", "shards/s", "--model", preset.toString(),
                "--name", "m", "--averaging-frequency", "2", "--batch-per-worker", "4", "--warmup", "2",
                "--lr", "0.003", "--checkpoint-every", "1", "--validate-every", "1", "--master", "local[2]",
                "--set", "model.d_model=16", "--set", "model.n_layers=1", "--set", "model.n_heads=2");
        List<String> first = new ArrayList<>(common);
        first.addAll(List.of("--steps", "4"));
        String out = run(first.toArray(String[]::new));
        assertTrue(out.strip().endsWith("artifact: model/m/v1"), out);

        ArtifactStore artifacts = ArtifactStore.open(store, new Configuration());
        Manifest manifest = artifacts.manifest(ArtifactRef.parse("model/m/v1"));
        assertEquals(List.of("shards/s/v1", "tokenizer/t/v1"), manifest.inputs());
        assertEquals(4, ((Number) manifest.metrics().get("steps")).intValue());
        double valLoss = ((Number) manifest.metrics().get("val_loss")).doubleValue();
        assertTrue(Double.isFinite(valLoss) && valLoss > 0 && valLoss < Math.log(300) + 1, "val loss " + valLoss);
        assertTrue(manifest.files().keySet().containsAll(List.of("model.zip", "config.json", "metrics.csv", "report.html")));
        ModelFiles.Loaded model = ModelFiles.load(dir.resolve("store/model/m/v1"));
        assertEquals(300, model.config().vocabSize());
        assertEquals(16, model.config().seqLen());

        // The model loads with its own tokenizer and is refused with another one.
        assertEquals(300, ModelArtifact.load(artifacts, ArtifactRef.parse("model/m"), ArtifactRef.parse("tokenizer/t"))
                .config().vocabSize());
        run("tokenizer", "train", "--store", store, "--corpus", "corpus/c", "--vocab-size", "310", "--name", "other",
                "--master", "local[2]");
        TokenizerMismatchException wrong = assertThrows(TokenizerMismatchException.class, () ->
                ModelArtifact.load(artifacts, ArtifactRef.parse("model/m"), ArtifactRef.parse("tokenizer/other")));
        assertTrue(wrong.getMessage().contains("tokenizer/t/v1") && wrong.getMessage().contains("tokenizer/other/v1"),
                wrong.getMessage());

        // The real chain: lineage from the model down to the ingested input; verify passes; a changed
        // model file is refused on load, by a fresh store and by one that verified the model before.
        String lineage = run("artifacts", "lineage", "--store", store, "model/m");
        assertEquals(List.of("model/m/v1", "shards/s/v1", "corpus/c/v1", "crawl:", "tokenizer/t/v1", "corpus/c/v1",
                        "crawl:", "tokenizer/t/v1", "corpus/c/v1", "crawl:"),
                lineage.lines().map(l -> l.replaceAll("^[│├└─ ]+", "").split(" ")[0]).toList(), lineage);
        assertTrue(lineage.contains("crawl: " + in), lineage);
        assertTrue(run("artifacts", "verify", "--store", store).contains("0 damaged"));
        Path zip = dir.resolve("store/model/m/v1/" + ModelFiles.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip, bytes);
        for (ArtifactStore s : List.of(ArtifactStore.open(store, new Configuration()), artifacts)) {
            DamagedArtifactException damaged = assertThrows(DamagedArtifactException.class, () ->
                    ModelArtifact.load(s, ArtifactRef.parse("model/m"), ArtifactRef.parse("tokenizer/t")));
            assertTrue(damaged.getMessage().contains("model/m/v1") && damaged.getMessage().contains(ModelFiles.MODEL_FILE),
                    damaged.getMessage());
        }

    }
}
