package dev.tumbler.artifacts;

import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import java.util.Map;

/** Reading typed values out of a manifest's metrics; a missing or mistyped key is named with the artifact. */
final class ManifestFacts {
    private ManifestFacts() {
    }

    /** {@code ref} resolved to a version of {@code kind}, or an error saying what kind it is instead. */
    static ArtifactRef resolve(ArtifactStore store, ArtifactRef ref, ArtifactKind kind, String noun) {
        ArtifactRef resolved = store.resolve(ref);
        if (resolved.kind() != kind) {
            throw new IllegalArgumentException(resolved + " is a " + resolved.kind() + " artifact, not " + noun);
        }
        return resolved;
    }

    static Object require(ArtifactRef ref, Map<String, Object> map, String key, String where) {
        Object value = map == null ? null : map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(ref + ": its manifest has no " + where + key);
        }
        return value;
    }

    static long longValue(ArtifactRef ref, Map<String, Object> map, String key, String where) {
        return number(ref, map, key, where).longValue();
    }

    static double doubleValue(ArtifactRef ref, Map<String, Object> map, String key, String where) {
        return number(ref, map, key, where).doubleValue();
    }

    static String string(ArtifactRef ref, Map<String, Object> map, String key, String where) {
        return String.valueOf(require(ref, map, key, where));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(ArtifactRef ref, Map<String, Object> map, String key, String where) {
        if (require(ref, map, key, where) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(ref + ": " + where + key + " in its manifest is not a map");
    }

    private static Number number(ArtifactRef ref, Map<String, Object> map, String key, String where) {
        if (require(ref, map, key, where) instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException(ref + ": " + where + key + " in its manifest is not a number");
    }
}
