package dev.tumbler.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lineage of an artifact: the tree of artifacts it was made from, following each manifest's
 * {@code inputs} down to artifacts with none (a corpus snapshot, whose {@code config.inputs} name
 * the raw crawl it was ingested from).
 */
public final class Lineage {
    /**
     * One artifact in the tree.
     *
     * @param ref      the artifact
     * @param manifest its manifest, or null when it is not in the store
     * @param sources  raw (non-artifact) inputs recorded in its config, e.g. the crawl paths of a corpus
     * @param inputs   the artifacts it was made from
     */
    public record Node(ArtifactRef ref, Manifest manifest, List<String> sources, List<Node> inputs) {
    }

    private Lineage() {
    }

    /** The lineage tree of {@code ref} (resolved to a version first). */
    public static Node of(ArtifactStore store, ArtifactRef ref) {
        return node(store, store.resolve(ref), new HashSet<>());
    }

    /** The tree as text, one artifact a line, with its creation time and command. */
    public static String render(Node root) {
        StringBuilder sb = new StringBuilder();
        line(sb, root, "", "");
        return sb.toString();
    }

    private static Node node(ArtifactStore store, ArtifactRef ref, Set<ArtifactRef> onPath) {
        if (!store.exists(ref) || !onPath.add(ref)) {
            return new Node(ref, null, List.of(), List.of());
        }
        Manifest m = store.manifest(ref);
        List<Node> inputs = new ArrayList<>();
        for (String input : m.inputs()) {
            inputs.add(node(store, ArtifactRef.parse(input), onPath));
        }
        onPath.remove(ref);
        return new Node(ref, m, sources(m), inputs);
    }

    private static List<String> sources(Manifest m) {
        Object raw = m.config() == null ? null : m.config().get("inputs");
        if (!m.inputs().isEmpty() || !(raw instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static void line(StringBuilder sb, Node node, String lead, String childLead) {
        sb.append(lead).append(node.ref());
        if (node.manifest() == null) {
            sb.append("  (missing from the store)");
        } else {
            sb.append("  ").append(node.manifest().createdAt()).append("  ").append(node.manifest().command());
        }
        sb.append('\n');
        List<String> sources = node.sources();
        List<Node> inputs = node.inputs();
        int total = sources.size() + inputs.size();
        int i = 0;
        for (String source : sources) {
            boolean last = ++i == total;
            sb.append(childLead).append(last ? "└── " : "├── ").append("crawl: ").append(source).append('\n');
        }
        for (Node input : inputs) {
            boolean last = ++i == total;
            line(sb, input, childLead + (last ? "└── " : "├── "), childLead + (last ? "    " : "│   "));
        }
    }
}
