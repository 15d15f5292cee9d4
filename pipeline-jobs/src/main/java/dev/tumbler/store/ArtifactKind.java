package dev.tumbler.store;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of artifact a store holds, each under its own directory: {@code <store>/<dirName>/<name>/v<N>/}.
 * A kind prints as its directory name, which is also how refs spell it ({@code corpus/web/v1}).
 */
public enum ArtifactKind {
    CORPUS("corpus"),
    TOKENIZER("tokenizer"),
    SHARDS("shards"),
    MODEL("model"),
    CONVERSATIONS("conversations"),
    PAIRS("pairs"),
    PROMPTS("prompts"),
    SEARCH_INDEX("search-index"),
    EVAL("eval");

    private final String dirName;

    ArtifactKind(String dirName) {
        this.dirName = dirName;
    }

    /** The directory the kind's artifacts live under, and its spelling in refs. */
    public String dirName() {
        return dirName;
    }

    /** The kind whose directory is {@code dirName}; empty for any other directory. */
    public static Optional<ArtifactKind> fromDirName(String dirName) {
        return Arrays.stream(values()).filter(k -> k.dirName.equals(dirName)).findFirst();
    }

    /**
     * The kind spelled {@code text} (its directory name), given as {@code option}.
     *
     * @throws IllegalArgumentException naming {@code option} and the known kinds when there is none
     */
    public static ArtifactKind parse(String text, String option) {
        return fromDirName(text == null ? null : text.strip()).orElseThrow(() -> new IllegalArgumentException(
                option + ": unknown artifact kind '" + text + "' (known: " + known() + ")"));
    }

    /** The known kinds' spellings, comma-separated. */
    static String known() {
        return Arrays.stream(values()).map(ArtifactKind::dirName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return dirName;
    }
}
