package dev.tumbler.artifacts;

import dev.tumbler.model.data.TokenizerCheck;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.transformer.ModelFiles;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.DamagedArtifactException;
import dev.tumbler.store.LocalFiles;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.Sha256;
import dev.tumbler.store.StagingArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A {@code model} artifact: the {@link ModelFiles} of a trained transformer (its weights and its
 * {@link TransformerConfig}), the training run's {@code metrics.csv} and {@code report.html}, and a
 * manifest that names the tokenizer it was trained with (ref and sha256 of its {@code tokenizer.json})
 * and its parameter count. Loading checks the tokenizer: another one is refused with both named,
 * since its ids would mean other tokens. The model's files are hashed as they are loaded (whatever
 * their size) and a file that differs from the manifest is refused.
 *
 * @param ref             the model version
 * @param tokenizer       the tokenizer it was trained with
 * @param tokenizerSha256 the sha256 of that tokenizer's {@code tokenizer.json}
 * @param parameters      trainable parameters
 * @param metrics         everything its manifest's metrics hold (steps, tokens, validation loss, ...)
 */
public record ModelArtifact(ArtifactRef ref, ArtifactRef tokenizer, String tokenizerSha256, long parameters,
                            Map<String, Object> metrics) {
    private static final String PARAMETERS = "parameters";
    private static final String TOKENIZER = "tokenizer";
    private static final String TOKENIZER_SHA256 = "tokenizer_sha256";
    private static final List<String> RUN_FILES = List.of("metrics.csv", "report.html");

    /** A model with the tokenizer its manifest names. */
    public record WithTokenizer(ArtifactRef ref, ModelFiles.Loaded model, Tokenizer tokenizer) {
    }

    /**
     * Publishes {@code graph} as the next version of {@code model/NAME}: its {@link ModelFiles}, the
     * {@code metrics.csv} and {@code report.html} of {@code runDir} when they exist there, and a
     * manifest whose metrics are the parameter count, the tokenizer and its sha256, then
     * {@code extraMetrics}.
     *
     * @param runDir the training run's folder, or null when there is none
     */
    public static ArtifactRef publish(ArtifactStore store, String name, ComputationGraph graph,
                                      TransformerConfig config, ArtifactRef tokenizer, String tokenizerSha256,
                                      List<ArtifactRef> inputs, Map<String, Object> extraMetrics,
                                      Map<String, Object> resolvedConfig, String commandLine, Path runDir) {
        StagingArea staging = store.stage(ArtifactKind.MODEL, name);
        java.nio.file.Path local = null;
        try {
            local = Files.createTempDirectory("tumbler-model");
            ModelFiles.save(graph, config, local);
            FileSystem fs = staging.dir().getFileSystem(store.hadoopConf());
            fs.mkdirs(staging.dir());
            try (var files = Files.list(local)) {
                for (java.nio.file.Path f : files.toList()) {
                    fs.copyFromLocalFile(true, new Path(f.toUri()),
                            new Path(staging.dir(), f.getFileName().toString()));
                }
            }
            for (String file : runDir == null ? List.<String>of() : RUN_FILES) {
                Path src = new Path(runDir, file);
                FileSystem runFs = src.getFileSystem(store.hadoopConf());
                if (runFs.exists(src)) {
                    FileUtil.copy(runFs, src, fs, new Path(staging.dir(), file), false, store.hadoopConf());
                }
            }
        } catch (IOException | RuntimeException e) {
            store.abandon(staging);
            throw e instanceof IOException io ? new UncheckedIOException("writing the model", io)
                    : (RuntimeException) e;
        } finally {
            if (local != null) {
                LocalFiles.deleteRecursively(local);
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(PARAMETERS, config.parameterCount());
        metrics.put(TOKENIZER, tokenizer.toString());
        metrics.put(TOKENIZER_SHA256, tokenizerSha256);
        metrics.putAll(extraMetrics);
        return store.publish(staging, new PublishRequest(commandLine, resolvedConfig, inputs, metrics));
    }

    /**
     * The facts of model {@code ref}, after checking its files against its manifest.
     *
     * @throws DamagedArtifactException when a file differs from the manifest
     */
    public static ModelArtifact read(ArtifactStore store, ArtifactRef ref) {
        ArtifactRef resolved = ManifestFacts.resolve(store, ref, ArtifactKind.MODEL, "a model");
        Map<String, Object> m = store.verifiedManifest(resolved).metrics();
        if (m.get(TOKENIZER) == null) {
            throw new IllegalArgumentException(resolved + " does not name its tokenizer in its manifest");
        }
        return new ModelArtifact(resolved, ArtifactRef.parse(ManifestFacts.string(resolved, m, TOKENIZER, "metrics.")),
                ManifestFacts.string(resolved, m, TOKENIZER_SHA256, "metrics."),
                ManifestFacts.longValue(resolved, m, PARAMETERS, "metrics."), m);
    }

    /**
     * Loads the model given on the command line as {@code option} together with the tokenizer its manifest
     * names (and checks that tokenizer's sha256 against the one recorded at training time).
     */
    public static WithTokenizer loadWithTokenizer(ArtifactStore store, String modelText, String option) {
        ArtifactRef resolved = store.resolve(modelText, ArtifactKind.MODEL, option);
        ModelArtifact facts;
        try {
            facts = read(store, resolved);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        ArtifactRef tokenizerRef = store.resolve(facts.tokenizer());
        ModelFiles.Loaded model = load(store, resolved, tokenizerRef);
        return new WithTokenizer(resolved, model, TokenizerArtifact.read(store, tokenizerRef).load(store));
    }

    /**
     * @throws dev.tumbler.model.data.TokenizerMismatchException when {@code tokenizer} is not the model's
     * @throws DamagedArtifactException when a file of the model or the tokenizer differs from its manifest
     */
    public static ModelFiles.Loaded load(ArtifactStore store, ArtifactRef model, ArtifactRef tokenizer) {
        ArtifactRef resolved = ManifestFacts.resolve(store, model, ArtifactKind.MODEL, "a model");
        ArtifactRef tokenizerResolved = store.resolve(tokenizer);
        ModelArtifact facts = read(store, resolved);
        TokenizerCheck.require(resolved.toString(), facts.tokenizer().toString(), facts.tokenizerSha256(),
                tokenizerResolved.toString(), TokenizerArtifact.read(store, tokenizerResolved).sha256());
        Manifest manifest = store.verifiedManifest(resolved);
        java.nio.file.Path local = null;
        try {
            local = Files.createTempDirectory("tumbler-model");
            FileSystem fs = store.versionDir(resolved).getFileSystem(store.hadoopConf());
            for (String file : new String[] {ModelFiles.MODEL_FILE, ModelFiles.CONFIG_FILE}) {
                try {
                    fs.copyToLocalFile(false, new Path(store.versionDir(resolved), file),
                            new Path(local.resolve(file).toUri()), true);
                } catch (ChecksumException e) {   // the local file system's .crc side file disagrees
                    throw new DamagedArtifactException(resolved, List.of(file + ": damaged (" + e.getMessage() + ")"));
                }
                requireHash(resolved, manifest, file, local.resolve(file));
            }
            return ModelFiles.load(local);                 // read fully into memory
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resolved, e);
        } finally {
            LocalFiles.deleteRecursively(local);
        }
    }

    /** Refuses a model file whose copy does not have the sha256 the manifest records. */
    private static void requireHash(ArtifactRef ref, Manifest manifest, String file, java.nio.file.Path copy)
            throws IOException {
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
