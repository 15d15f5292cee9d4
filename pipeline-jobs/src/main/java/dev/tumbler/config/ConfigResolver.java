package dev.tumbler.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Resolves a command's configuration record: the defaults in code, then a YAML preset
 * ({@code --conf}), then {@code --set key=value} overrides, in that order. Keys are snake_case and
 * prefixed by the section ({@code ingest.dedup.jaccard_threshold}). An unknown key or a value of the
 * wrong type fails with a message that names the key, before any work starts.
 */
public final class ConfigResolver {
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigResolver() {
    }

    /** Resolves {@code section} of the configuration into {@code type}. */
    public static <T> T resolve(String section, T defaults, Class<T> type, Path preset, List<String> sets) {
        ObjectNode tree = JSON.valueToTree(defaults);
        if (preset != null) {
            JsonNode root = readPreset(preset);
            JsonNode node = root.get(section);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("--conf " + preset + ": no '" + section + ":' section");
            }
            merge(tree, node, section, "--conf " + preset);
        }
        for (String set : sets) {
            applySet(tree, section, set);
        }
        try {
            return JSON.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;                   // the record's own check, whose message names the key
            }
            throw new IllegalArgumentException("invalid configuration for " + section + ": "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid configuration value for " + section + "."
                    + pathOf(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The {@code --set} overrides of {@code section}, out of all those a command got. A key of a section the
     * command does not have ({@code sections}) fails here, naming the key and the sections it has.
     */
    public static List<String> sectionSets(List<String> sets, String section, List<String> sections) {
        List<String> mine = new java.util.ArrayList<>();
        for (String set : sets) {
            String key = set.contains("=") ? set.substring(0, set.indexOf('=')).strip() : set;
            String prefix = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!sections.contains(prefix)) {
                throw new IllegalArgumentException("--set " + key + ": unknown option (this command's options start"
                        + " with " + String.join(" or ", sections.stream().map(s -> "'" + s + ".'").toList()) + ")");
            }
            if (prefix.equals(section)) {
                mine.add(set);
            }
        }
        return mine;
    }

    /**
     * Whether {@code section.key} (a top-level key of the section) is given explicitly, by the preset or by a
     * {@code --set}, rather than left to the defaults in code.
     */
    public static boolean mentions(String section, String key, Path preset, List<String> sets) {
        for (String set : sets) {
            if (set.contains("=") && set.substring(0, set.indexOf('=')).strip().equals(section + "." + key)) {
                return true;
            }
        }
        if (preset == null) {
            return false;
        }
        JsonNode node = readPreset(preset).get(section);
        return node != null && node.has(key);
    }

    /** The resolved record as a nested map with snake_case keys, for printing and manifests. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object config) {
        return JSON.convertValue(config, Map.class);
    }

    /**
     * A configuration record read back from its map form (as {@link #toMap} wrote it into a
     * manifest); {@code source} names where the map came from in the error message.
     */
    public static <T> T fromMap(Map<String, Object> map, Class<T> type, String source) {
        try {
            return JSON.convertValue(map, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the configuration stored in " + source + ": " + e.getMessage(), e);
        }
    }

    /** The resolved record as YAML text, for printing. */
    public static String toYaml(String section, Object config) {
        try {
            return YAML.writeValueAsString(Map.of(section, toMap(config)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readPreset(Path preset) {
        if (!Files.isRegularFile(preset)) {
            throw new IllegalArgumentException("--conf: file not found: " + preset);
        }
        try {
            JsonNode root = YAML.readTree(preset.toFile());
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("--conf " + preset + ": expected a YAML mapping at the top");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("--conf " + preset + ": cannot parse YAML: " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode target, JsonNode source, String path, String origin) {
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path + "." + e.getKey();
            JsonNode existing = target.get(e.getKey());
            if (existing == null) {
                throw new IllegalArgumentException(origin + ": unknown option " + key);
            }
            if (existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, e.getValue(), key, origin);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applySet(ObjectNode tree, String section, String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set '" + set + "': expected key=value");
        }
        String key = set.substring(0, eq).strip();
        String raw = set.substring(eq + 1);
        if (!key.startsWith(section + ".")) {
            throw new IllegalArgumentException("--set " + key + ": unknown option (this command's options start with '"
                    + section + ".')");
        }
        String[] parts = key.substring(section.length() + 1).split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                throw new IllegalArgumentException("--set " + key + ": unknown option");
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (!node.has(leaf)) {
            throw new IllegalArgumentException("--set " + key + ": unknown option");
        }
        try {
            JsonNode value = YAML.readTree(raw.isEmpty() ? "''" : raw);
            node.set(leaf, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("--set " + key + ": cannot parse value '" + raw + "'", e);
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return sb.toString();
        }
        return "?";
    }
}
