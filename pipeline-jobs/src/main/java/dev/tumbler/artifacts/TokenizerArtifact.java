package dev.tumbler.artifacts;

import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.model.chat.TokenizerConfigJson;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;

/**
 * A {@code tokenizer} artifact: one HF-compatible {@code tokenizer.json}, whose sha256 (as the
 * manifest records it) is what shards and models name to say which tokenizer made their ids.
 *
 * @param ref    the tokenizer version
 * @param sha256 the sha256 of its {@code tokenizer.json}
 */
public record TokenizerArtifact(ArtifactRef ref, String sha256) {
    /** The file name of a tokenizer inside its artifact. */
    public static final String FILE_NAME = "tokenizer.json";

    /**
     * Stages {@code json} (the {@code tokenizer.json} of {@code tokenizer}) as {@code tokenizer/NAME}'s next version,
     * beside a {@code tokenizer_config.json} with the Jinja chat template HF tooling reads
     * ({@link TokenizerConfigJson}), and publishes it.
     */
    public static ArtifactRef publish(ArtifactStore store, String name, Tokenizer tokenizer, String json,
                                      PublishRequest request) {
        StagingArea staging = store.stage(ArtifactKind.TOKENIZER, name);
        write(store, staging, new Path(staging.dir(), FILE_NAME), json);
        write(store, staging, new Path(staging.dir(), TokenizerConfigJson.FILE_NAME),
                TokenizerConfigJson.toJson(tokenizer, 0));
        return store.publish(staging, request);
    }

    private static void write(ArtifactStore store, StagingArea staging, Path path, String text) {
        try (OutputStream os = path.getFileSystem(store.hadoopConf()).create(path, false)) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            store.abandon(staging);
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The tokenizer given on the command line as {@code option}; errors name the option. */
    public static TokenizerArtifact read(ArtifactStore store, String text, String option) {
        ArtifactRef resolved = store.resolve(text, ArtifactKind.TOKENIZER, option);
        try {
            return read(store, resolved);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tokenizer {@code ref}, after checking its files against its (verified) manifest.
     *
     * @throws dev.tumbler.store.DamagedArtifactException when a file differs from the manifest
     */
    public static TokenizerArtifact read(ArtifactStore store, ArtifactRef ref) {
        ArtifactRef resolved = ManifestFacts.resolve(store, ref, ArtifactKind.TOKENIZER, "a tokenizer");
        Manifest.FileEntry file = store.verifiedManifest(resolved).files().get(FILE_NAME);
        if (file == null) {
            throw new IllegalArgumentException(resolved + " has no " + FILE_NAME);
        }
        return new TokenizerArtifact(resolved, file.sha256());
    }

    /**
     * The {@code tokenizer.json} text, e.g. to broadcast it; the bytes read are checked against the sha256.
     *
     * @throws dev.tumbler.store.DamagedArtifactException when the file does not match its manifest
     */
    public String json(ArtifactStore store) {
        return new String(store.readVerified(ref, FILE_NAME), StandardCharsets.UTF_8);
    }

    /** The tokenizer itself. */
    public Tokenizer load(ArtifactStore store) {
        return TokenizerJson.fromJson(json(store), null);
    }
}
