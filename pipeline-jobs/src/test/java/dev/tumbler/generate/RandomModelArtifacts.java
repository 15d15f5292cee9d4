package dev.tumbler.generate;

import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.model.transformer.ModelFiles;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import dev.tumbler.shard.ShardSource;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Publishes a byte-level tokenizer and a random-init model trained "with" it, straight through the store. */
public final class RandomModelArtifacts {
    private RandomModelArtifacts() {
    }

    /** The byte-level tokenizer: 256 byte ids, no merges, the special tokens. */
    public static Tokenizer tokenizer() {
        return Tokenizer.fromMerges(List.of(), SplitPattern.CL100K, SpecialTokens.ALL);
    }

    /** Publishes {@code tokenizer/bytes} and {@code model/NAME} (seq_len 64, d 16) and returns the model ref. */
    public static ArtifactRef publish(ArtifactStore store, String name) throws IOException {
        Tokenizer tokenizer = tokenizer();
        StagingArea tokStage = store.stage("tokenizer", "bytes");
        Path tokDir = Files.createDirectories(Path.of(tokStage.dir().toUri()));
        Files.writeString(tokDir.resolve("tokenizer.json"), TokenizerJson.toJson(tokenizer));
        ArtifactRef tokRef = store.publish(tokStage, new PublishRequest("test", Map.of(), List.of(), Map.of()));

        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), 64, 16, 1, 2, 4, 0.0, false,
                PositionEncoding.LEARNED);
        StagingArea stage = store.stage("model", name);
        ModelFiles.save(TransformerGraph.build(config, 5L), config, Path.of(stage.dir().toUri()));
        return store.publish(stage, new PublishRequest("test", Map.of(), List.of(tokRef), Map.of(
                "tokenizer", tokRef.toString(), "tokenizer_sha256", ShardSource.tokenizerSha256(store, tokRef))));
    }
}
