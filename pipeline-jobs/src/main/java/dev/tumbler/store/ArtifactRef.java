package dev.tumbler.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to a published artifact version, written {@code kind/name/vN}. A ref without a
 * version ({@code kind/name}) means "the newest version" and is resolved by {@link ArtifactStore}.
 */
public record ArtifactRef(ArtifactKind kind, String name, int version) {
    /** Version value of a ref that has not been resolved to a concrete version yet. */
    public static final int LATEST = 0;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ArtifactRef {
        Objects.requireNonNull(kind, "artifact kind");
        requireSegment("name", name);
        if (version < 0) {
            throw new IllegalArgumentException("artifact version must be >= 1, got " + version);
        }
    }

    /** {@link #parse(String)} for a value given as {@code option} on a command line: the error names the option. */
    public static ArtifactRef parse(String text, String option) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code kind/name/vN} or {@code kind/name}; the kind must be an {@link ArtifactKind}. */
    public static ArtifactRef parse(String text) {
        Objects.requireNonNull(text, "artifact ref");
        String[] parts = text.strip().split("/");
        if (parts.length == 2) {
            return new ArtifactRef(kindOf(parts[0], text), parts[1], LATEST);
        }
        if (parts.length == 3 && parts[2].matches("v[1-9][0-9]*")) {
            return new ArtifactRef(kindOf(parts[0], text), parts[1], Integer.parseInt(parts[2].substring(1)));
        }
        throw new IllegalArgumentException(
                "not an artifact ref: '" + text + "' (expected kind/name/vN, e.g. corpus/web/v1, or kind/name)");
    }

    private static ArtifactKind kindOf(String kind, String text) {
        return ArtifactKind.fromDirName(kind).orElseThrow(() -> new IllegalArgumentException("unknown artifact kind '"
                + kind + "' in '" + text + "' (known: " + ArtifactKind.known() + ")"));
    }

    /** Checks that a kind or name is a safe single path segment. */
    public static void requireSegment(String what, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid artifact " + what + " '" + value
                    + "': use letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public boolean isLatest() {
        return version == LATEST;
    }

    public ArtifactRef withVersion(int newVersion) {
        return new ArtifactRef(kind, name, newVersion);
    }

    @Override
    public String toString() {
        return isLatest() ? kind + "/" + name : kind + "/" + name + "/v" + version;
    }
}
