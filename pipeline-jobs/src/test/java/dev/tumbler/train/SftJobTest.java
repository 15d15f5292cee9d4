package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.artifacts.ModelArtifact;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tumbler sft} from the CLI on a tiny pretrained base and synthetic calculator conversations: it publishes
 * model/NAME/v1 naming the base, the data and the tokenizer, counts every conversation under one fit outcome, and
 * lowers the held-out loss per supervised token below the base model's.
 */
@Tag("slow")
class SftJobTest {
    @TempDir
    Path dir;

    @Test
    void fineTunesTheBaseAndPublishesAnUnpackedModel() throws Exception {
        String store = dir.resolve("store").toString();
        TinyShards.build(dir, store);
        TinyShards.run("shard", "--store", store, "--corpus", "corpus/c", "--tokenizer", "tokenizer/t", "--seq-len",
                "48", "--val-fraction", "0.1", "--name", "s48", "--master", "local[2]");
        TinyShards.run("pretrain", "--store", store, "--shards", "shards/s48", "--model",
                TinyShards.tinyPreset().toString(), "--name", "base", "--steps", "4", "--workers", "2",
                "--batch-per-worker", "2", "--averaging-frequency", "2", "--warmup", "1", "--lr", "0.003",
                "--checkpoint-every", "0", "--validate-every", "2", "--master", "local[2]",
                "--set", "model.d_model=16", "--set", "model.n_layers=1", "--set", "model.n_heads=2");

        List<String> lines = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 160; i++) {
            int a = random.nextInt(50);
            int b = random.nextInt(50);
            lines.add("[{\"role\":\"user\",\"content\":\"" + a + "+" + b + "?\"},{\"role\":\"assistant\",\"content\":"
                    + "[{\"type\":\"python\",\"text\":\"" + a + "+" + b + "\"},{\"type\":\"python_output\",\"text\":\""
                    + (a + b) + "\"},{\"type\":\"text\",\"text\":\"" + (a + b) + "\"}]}]");
        }
        lines.add("[{\"role\":\"user\",\"content\":\"" + "the river rose again ".repeat(20)
                + "\"},{\"role\":\"assistant\",\"content\":\"no\"}]");
        Path jsonl = Files.write(dir.resolve("arith.jsonl"), lines, StandardCharsets.UTF_8);
        TinyShards.run("sft-data", "import", "--store", store, "--master", "local[2]", "--input", jsonl.toString(),
                "--name", "arith", "--source", "arithmetic", "--set", "sft_data.val_fraction=0.2");

        String printed = TinyShards.run("sft", "--store", store, "--base", "model/base", "--data",
                "conversations/arith", "--name", "chat", "--steps", "24", "--workers", "2", "--batch-per-worker",
                "4", "--averaging-frequency", "2", "--warmup", "2", "--lr", "0.01", "--checkpoint-every", "0",
                "--validate-every", "4", "--eval-prompts", "12", "--master", "local[2]");
        assertTrue(printed.contains("artifact: model/chat/v1"), printed);
        assertTrue(printed.contains("base val_loss"), printed);
        assertTrue(printed.contains("eval: 12 held-out prompts"), printed);

        ArtifactStore opened = ArtifactStore.open(store, new Configuration());
        ArtifactRef chat = ArtifactRef.parse("model/chat/v1");
        Manifest manifest = opened.verifiedManifest(chat);
        ArtifactRef base = opened.resolve(ArtifactRef.parse("model/base"));
        ConversationsArtifact data = ConversationsArtifact.read(opened, "conversations/arith", "--data");
        assertTrue(manifest.inputs().contains(base.toString()), manifest.inputs().toString());
        assertTrue(manifest.inputs().contains(data.ref().toString()), manifest.inputs().toString());
        assertTrue(manifest.inputs().contains(opened.resolve(ArtifactRef.parse("tokenizer/t")).toString()),
                manifest.inputs().toString());
        Map<String, Object> m = manifest.metrics();
        assertEquals(base.toString(), m.get("base"));
        Map<?, ?> fit = (Map<?, ?>) m.get("fit");
        long tooLong = 0;
        for (String split : List.of("train", "val")) {
            Map<?, ?> counts = (Map<?, ?>) fit.get(split);
            long sum = 0;
            for (String outcome : List.of("kept", "cut", "dropped_too_long", "dropped_nothing_supervised")) {
                sum += ((Number) counts.get(outcome)).longValue();
            }
            tooLong += ((Number) counts.get("dropped_too_long")).longValue();
            assertEquals(data.splits().get(split).conversations(), sum, split + ": " + counts);
            assertTrue(((Number) counts.get("rows")).longValue() > 0, split + ": " + counts);
        }
        assertEquals(161, data.conversations());
        assertEquals(1, tooLong, fit.toString());
        double baseLoss = ((Number) m.get("base_val_loss")).doubleValue();
        double valLoss = ((Number) m.get("val_loss")).doubleValue();
        System.out.printf("SFT test: base val_loss %.4f, after SFT %.4f%n", baseLoss, valLoss);
        assertTrue(Double.isFinite(baseLoss) && valLoss < baseLoss, "val_loss " + valLoss + " vs base " + baseLoss);

        Map<?, ?> eval = (Map<?, ?>) m.get("eval");
        assertEquals(12, ((Number) eval.get("prompts")).intValue(), eval.toString());
        for (String model : List.of("base", "sft")) {
            Map<?, ?> report = (Map<?, ?>) eval.get(model);
            Map<?, ?> overall = (Map<?, ?>) report.get("overall");
            Map<?, ?> arithmetic = (Map<?, ?>) ((Map<?, ?>) report.get("by_task")).get("arithmetic");
            assertEquals(overall, arithmetic, model + ": the only task is the whole");
            int answered = ((Number) overall.get("prompts")).intValue();
            assertEquals(12, answered + ((Number) report.get("skipped_too_long")).intValue(), report.toString());
            assertTrue(answered > 0, report.toString());
            assertEquals(answered, ((Number) overall.get("prompts_no_tools")).intValue(), report.toString());
            for (String rate : List.of("exact_match", "stop_rate", "exact_match_no_tools", "stop_rate_no_tools")) {
                double v = ((Number) overall.get(rate)).doubleValue();
                assertTrue(v >= 0 && v <= 1, model + " " + rate + " = " + v);
            }
            System.out.printf("SFT test eval %s: %s%n", model, overall);
        }

        // The published model loads as any model: unpacked, with its tokenizer.
        ModelArtifact.WithTokenizer loaded = ModelArtifact.loadWithTokenizer(opened, "model/chat", "--model");
        assertTrue(!dev.tumbler.model.transformer.TransformerGraph.isPacked(loaded.model().graph()));
    }
}
