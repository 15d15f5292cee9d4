package dev.tumbler.model.transformer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Saves and loads a transformer checkpoint directory: {@value #MODEL_FILE} (DL4J {@link ModelSerializer}, with
 * updater state) and {@value #CONFIG_FILE} (the {@link TransformerConfig}, snake_case keys as in the YAML). A config
 * without {@code bias}, {@code head} or {@code reward_centering} (saved before those keys) reads as biases, the LM
 * head and the default centering: what those models have.
 */
public final class ModelFiles {
    public static final String MODEL_FILE = "model.zip";
    public static final String CONFIG_FILE = "config.json";
    /** The class of each block in the layout before {@link DecoderLayer}; it names that layout in model files. */
    static final String OLD_BLOCK_LAYER = "dev.tumbler.model.transformer.TransformerBlockLayer";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {
    }

    /** A loaded checkpoint. */
    public record Loaded(ComputationGraph graph, TransformerConfig config) {
    }

    /** Writes {@code graph} (with updater state) and {@code config} into {@code dir}, creating it if needed. */
    public static void save(ComputationGraph graph, TransformerConfig config, Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelSerializer.writeModel(graph, dir.resolve(MODEL_FILE).toFile(), true);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), toMap(config));
    }

    /**
     * Reads a directory written by {@link #save}. A model saved with the per-block layer layout of earlier Tumbler
     * versions (before the decoder became one {@link DecoderLayer}) is refused with a message that says so.
     */
    public static Loaded load(Path dir) throws IOException {
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(dir.resolve(MODEL_FILE).toFile(), true);
        } catch (RuntimeException e) {
            if (mentions(e, OLD_BLOCK_LAYER)) {
                throw new IllegalArgumentException(dir.resolve(MODEL_FILE) + " has the per-block layer layout of models"
                        + " saved before Tumbler's decoder became one layer (" + OLD_BLOCK_LAYER + "); this version"
                        + " cannot read it: retrain the model", e);
            }
            throw e;
        }
        TransformerConfig config = fromJson(JSON.readTree(dir.resolve(CONFIG_FILE).toFile()));
        return new Loaded(graph, config);
    }

    /** Whether {@code e} or one of its causes has {@code text} in its message. */
    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> toMap(TransformerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vocab_size", c.vocabSize());
        m.put("seq_len", c.seqLen());
        m.put("d_model", c.dModel());
        m.put("n_layers", c.nLayers());
        m.put("n_heads", c.nHeads());
        m.put("mlp_ratio", c.mlpRatio());
        m.put("dropout", c.dropout());
        m.put("tied_embeddings", c.tiedEmbeddings());
        m.put("positions", c.positions().name());
        m.put("bias", c.bias());
        m.put("head", c.head().name());
        m.put("reward_centering", c.rewardCentering());
        return m;
    }

    static TransformerConfig fromJson(JsonNode n) {
        return new TransformerConfig(
                required(n, "vocab_size").asInt(),
                required(n, "seq_len").asInt(),
                required(n, "d_model").asInt(),
                required(n, "n_layers").asInt(),
                required(n, "n_heads").asInt(),
                required(n, "mlp_ratio").asInt(),
                required(n, "dropout").asDouble(),
                required(n, "tied_embeddings").asBoolean(),
                PositionEncoding.valueOf(required(n, "positions").asText()),
                // Models saved before the key existed all had biases.
                !n.hasNonNull("bias") || n.get("bias").asBoolean(),
                // ... and the LM head.
                n.hasNonNull("head") ? head(n.get("head").asText()) : HeadKind.LM,
                n.hasNonNull("reward_centering") ? n.get("reward_centering").asDouble()
                        : TransformerConfig.DEFAULT_REWARD_CENTERING);
    }

    private static HeadKind head(String name) {
        try {
            return HeadKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONFIG_FILE + ": model.head is '" + name + "', expected one of "
                    + java.util.Arrays.toString(HeadKind.values()), e);
        }
    }

    private static JsonNode required(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(CONFIG_FILE + " lacks model." + key);
        }
        return v;
    }
}
