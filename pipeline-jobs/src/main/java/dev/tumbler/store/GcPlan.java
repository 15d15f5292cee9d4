package dev.tumbler.store;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * What {@link StoreGc} found to remove, and what it keeps on purpose.
 *
 * @param staging            staging directories nothing has written to for the grace period
 * @param incompleteVersions version directories that never got a manifest (a publish that died after the move)
 * @param staleClaims        claims of versions that were never published and whose staging is gone
 * @param oldVersions        published versions beyond {@code --keep-last}
 * @param keptForLineage     versions beyond {@code --keep-last} kept because a kept artifact's lineage
 *                           names them, each with one artifact that names it
 */
public record GcPlan(
        List<Path> staging,
        List<Path> incompleteVersions,
        List<Path> staleClaims,
        List<ArtifactRef> oldVersions,
        Map<ArtifactRef, ArtifactRef> keptForLineage) {

    public boolean isEmpty() {
        return staging.isEmpty() && incompleteVersions.isEmpty() && staleClaims.isEmpty() && oldVersions.isEmpty();
    }
}
