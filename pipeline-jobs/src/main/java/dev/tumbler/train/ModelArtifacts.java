package dev.tumbler.train;

import dev.tumbler.model.data.TokenizerCheck;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.transformer.ModelFiles;
import dev.tumbler.shard.ShardSource;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.DamagedArtifactException;
import dev.tumbler.store.LocalFiles;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.Sha256;
import dev.tumbler.tokenize.TokenizerIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;

/**
 * Loads a published {@code model} artifact for use with a given tokenizer. The model's manifest
 * records the sha256 of the tokenizer it was trained with; a different tokenizer is refused with
 * both named, since its ids would mean other tokens. The model's files are hashed as they are
 * loaded (whatever their size) and a file that differs from the manifest is refused.
 */
public final class ModelArtifacts {
    private ModelArtifacts() {
    }

    /** A model with the tokenizer its manifest names. */
    public record WithTokenizer(ArtifactRef ref, ModelFiles.Loaded model, Tokenizer tokenizer) {
    }

    /**
     * Loads the model given on the command line as {@code option} together with the tokenizer its manifest names
     * (and checks that tokenizer's sha256 against the one recorded at training time).
     */
    public static WithTokenizer loadWithTokenizer(ArtifactStore store, String modelText, String option) {
        ArtifactRef resolved = store.resolve(modelText, "model", option);
        Object tokenizerText = store.manifest(resolved).metrics().get("tokenizer");
        if (tokenizerText == null) {
            throw new IllegalArgumentException(option + ": " + resolved + " does not name its tokenizer in its manifest");
        }
        ArtifactRef tokenizerRef = store.resolve(ArtifactRef.parse(String.valueOf(tokenizerText)));
        ModelFiles.Loaded model = load(store, resolved, tokenizerRef);
        try {
            return new WithTokenizer(resolved, model, TokenizerIO.fromStore(store, tokenizerRef));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + tokenizerRef, e);
        }
    }

    /**
     * @throws dev.tumbler.model.data.TokenizerMismatchException when {@code tokenizer} is not the model's
     * @throws DamagedArtifactException when a file of the model or the tokenizer differs from its manifest
     */
    public static ModelFiles.Loaded load(ArtifactStore store, ArtifactRef model, ArtifactRef tokenizer) {
        ArtifactRef resolved = store.resolve(model);
        if (!resolved.kind().equals("model")) {
            throw new IllegalArgumentException(resolved + " is a " + resolved.kind() + " artifact, not a model");
        }
        ArtifactRef tokenizerResolved = store.resolve(tokenizer);
        Manifest manifest = store.verifiedManifest(resolved);
        Map<String, Object> metrics = manifest.metrics();
        TokenizerCheck.require(resolved.toString(), String.valueOf(metrics.get("tokenizer")),
                String.valueOf(metrics.get("tokenizer_sha256")), tokenizerResolved.toString(),
                ShardSource.tokenizerSha256(store, tokenizerResolved));
        Path local = null;
        try {
            local = Files.createTempDirectory("tumbler-model");
            FileSystem fs = store.versionDir(resolved).getFileSystem(store.hadoopConf());
            for (String file : new String[] {ModelFiles.MODEL_FILE, ModelFiles.CONFIG_FILE}) {
                try {
                    fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(store.versionDir(resolved), file),
                            new org.apache.hadoop.fs.Path(local.resolve(file).toUri()), true);
                } catch (ChecksumException e) {   // the local file system's .crc side file disagrees
                    throw new DamagedArtifactException(resolved, List.of(file + ": damaged (" + e.getMessage() + ")"));
                }
                requireHash(resolved, manifest, file, local.resolve(file));
            }
            return ModelFiles.load(local);                 // read fully into memory
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resolved, e);
        } finally {
            if (local != null) {
                LocalFiles.deleteRecursively(local);
            }
        }
    }

    /** Refuses a model file whose copy does not have the sha256 the manifest records. */
    private static void requireHash(ArtifactRef ref, Manifest manifest, String file, Path copy) throws IOException {
        Manifest.FileEntry entry = manifest.files().get(file);
        if (entry == null) {
            throw new DamagedArtifactException(ref, List.of(file + ": not in manifest"));
        }
        String sha = Sha256.ofFile(copy);
        if (!sha.equals(entry.sha256())) {
            throw new DamagedArtifactException(ref, List.of(file + ": sha256 differs (manifest "
                    + entry.sha256() + ", found " + sha + ")"));
        }
    }
}
