package dev.tumbler.store;

import java.util.List;

/** An artifact whose files do not match its manifest: the message names the artifact and each bad file. */
public final class DamagedArtifactException extends IllegalStateException {
    private final ArtifactRef ref;
    private final List<String> problems;

    public DamagedArtifactException(ArtifactRef ref, List<String> problems) {
        super("artifact " + ref + " does not match its manifest, refusing to load it: " + String.join("; ", problems)
                + " (run 'tumbler artifacts verify " + ref + "')");
        this.ref = ref;
        this.problems = List.copyOf(problems);
    }

    public ArtifactRef ref() {
        return ref;
    }

    /** One entry per bad file: {@code path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
