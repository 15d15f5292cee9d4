package dev.tumbler.generate;

import dev.tumbler.artifacts.ModelArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.PublishRequest;
import java.util.List;
import java.util.Map;

/** Publishes a byte-level tokenizer and a random-init model trained "with" it, through the artifact writers. */
public final class RandomModelArtifacts {
    private RandomModelArtifacts() {
    }

    /** The byte-level tokenizer: 256 byte ids, no merges, the special tokens. */
    public static Tokenizer tokenizer() {
        return Tokenizer.fromMerges(List.of(), SplitPattern.CL100K, SpecialTokens.ALL);
    }

    /** Publishes {@code tokenizer/bytes} and {@code model/NAME} (seq_len 64, d 16) and returns the model ref. */
    public static ArtifactRef publish(ArtifactStore store, String name) {
        Tokenizer tokenizer = tokenizer();
        ArtifactRef tokRef = TokenizerArtifact.publish(store, "bytes", tokenizer, TokenizerJson.toJson(tokenizer),
                new PublishRequest("test", Map.of(), List.of(), Map.of()));
        TokenizerArtifact tok = TokenizerArtifact.read(store, tokRef);

        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), 64, 16, 1, 2, 4, 0.0, false,
                PositionEncoding.LEARNED);
        return ModelArtifact.publish(store, name, TransformerGraph.build(config, 5L), config, tok.ref(), tok.sha256(),
                List.of(tokRef), Map.of(), Map.of(), "test", null);
    }
}
