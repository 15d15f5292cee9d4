package dev.tumbler.jobs;

import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.HashPolicy;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * What every job runs under, whether the CLI or a test calls it: the artifact store, the Spark master,
 * the seed of all randomness, the preset and overrides of the configuration, how hard inputs are
 * checked, and the command line recorded in the manifests it publishes.
 *
 * @param store        the artifact store: a path or any Hadoop URI
 * @param master       the Spark master, or null for spark-submit's (or {@code local[*]})
 * @param seed         the seed of all randomness
 * @param conf         a YAML preset, or null for the defaults in code
 * @param sets         {@code KEY=VALUE} overrides, applied after the preset
 * @param verifyInputs re-hash every file of every input artifact, not only the small ones
 * @param commandLine  the command line as typed, for manifests
 */
public record RunContext(String store, String master, long seed, Path conf, List<String> sets, boolean verifyInputs,
                         String commandLine) {
    public RunContext {
        sets = sets == null ? List.of() : List.copyOf(sets);
    }

    /** The store named by {@link #store}, checking inputs as {@link #verifyInputs} asks. */
    public ArtifactStore openStore(Configuration hadoop) {
        return ArtifactStore.open(store, hadoop)
                .withHashPolicy(verifyInputs ? HashPolicy.ALL_FILES : HashPolicy.SMALL_FILES);
    }
}
