package dev.tumbler.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tumbler.config.ConfigResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a checkpoint records about the run that wrote it, so that {@code --resume} continues only the same run: the
 * phase's identity (model config, tokenizer, data) and the training config. Resuming may change
 * {@link #MAY_CHANGE} (the schedule then follows the new step count, see {@link TrainConfig#schedule()}); any other
 * difference is refused with both values named.
 */
public record RunIdentity(Map<String, String> identity, Map<String, Object> train) {
    /** Training keys a resumed run may set differently from the run it continues. */
    public static final Set<String> MAY_CHANGE = Set.of("steps", "checkpoint_every", "validate_every");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The identity of a run of {@code phase} with {@code config} from {@code seed}. */
    public static RunIdentity of(TrainingPhase phase, TrainConfig config, long seed) {
        Map<String, String> identity = new LinkedHashMap<>(phase.identity());
        identity.put("seed", Long.toString(seed));
        return new RunIdentity(identity, ConfigResolver.toMap(config));
    }

    /** A phase's identity: every {@code model.*} setting of {@code model}, then the phase's own {@code facts}. */
    public static Map<String, String> withModel(dev.tumbler.model.transformer.TransformerConfig model,
                                                Map<String, String> facts) {
        Map<String, String> all = new LinkedHashMap<>();
        ConfigResolver.toMap(model).forEach((k, v) -> all.put("model." + k, String.valueOf(v)));
        all.putAll(facts);
        return all;
    }

    /** As stored in a checkpoint's {@code config.json}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(Map.of("identity", identity, "train", train));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toJson} wrote; {@code source} names the checkpoint in errors. */
    public static RunIdentity parse(String json, String source) {
        try {
            Map<String, Object> map = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
            Object identity = map.get("identity");
            Object train = map.get("train");
            if (!(identity instanceof Map<?, ?> id) || !(train instanceof Map<?, ?> tr)) {
                throw new IllegalArgumentException("--resume: checkpoint " + source
                        + " does not record its run's model, tokenizer and data (written by an earlier release);"
                        + " start a new run without --resume");
            }
            Map<String, String> ids = new LinkedHashMap<>();
            id.forEach((k, v) -> ids.put(String.valueOf(k), String.valueOf(v)));
            Map<String, Object> trs = new LinkedHashMap<>();
            tr.forEach((k, v) -> trs.put(String.valueOf(k), v));
            return new RunIdentity(ids, trs);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--resume: cannot read the run config of checkpoint " + source
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Refuses to continue {@code checkpoint} (whose identity this is) as the run {@code requested}.
     *
     * @throws IllegalArgumentException naming each difference, with the checkpoint's and the request's values
     */
    public void requireResumableAs(RunIdentity requested, String checkpoint) {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(identity.keySet());
        keys.addAll(requested.identity.keySet());
        for (String k : keys) {
            differ(differences, k, identity.get(k), requested.identity.get(k));
        }
        Set<String> trainKeys = new TreeSet<>(train.keySet());
        trainKeys.addAll(requested.train.keySet());
        for (String k : trainKeys) {
            if (!MAY_CHANGE.contains(k)) {
                differ(differences, "train." + k, number(train.get(k)), number(requested.train.get(k)));
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("--resume: checkpoint " + checkpoint + " belongs to another run: "
                    + String.join("; ", differences) + ". Start a new run (without --resume) or use another --name.");
        }
    }

    private static void differ(List<String> out, String key, Object saved, Object requested) {
        if (!String.valueOf(saved).equals(String.valueOf(requested))) {
            out.add(key + " is " + saved + " in the checkpoint but " + requested + " in this run");
        }
    }

    /** Numbers compare by value whatever JSON made of them (3e-4 read back as a double). */
    private static Object number(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return v;
    }
}
