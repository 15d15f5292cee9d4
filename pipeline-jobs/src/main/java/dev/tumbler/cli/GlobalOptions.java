package dev.tumbler.cli;

import dev.tumbler.jobs.RunContext;
import dev.tumbler.store.ArtifactStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

/** Options every command takes: where the artifact store is, which Spark master, the seed, presets. */
public final class GlobalOptions {
    @Option(names = "--store", paramLabel = "URI",
            defaultValue = "${env:TUMBLER_STORE:-./tumbler-store}",
            description = "Artifact store: a path or any Hadoop URI (file://, hdfs://, s3a://). "
                    + "Env TUMBLER_STORE overrides the default. (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master. Under spark-submit its --master is used. (default: local[*])")
    String master;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of all randomness. (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--conf", paramLabel = "FILE",
            description = "A YAML preset, e.g. conf/ingest/default.yaml. (default: the defaults in code)")
    Path conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set ingest.dedup.jaccard_threshold=0.7. Repeatable. "
                    + "(default: none)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--verify-inputs",
            description = "Re-hash every file of every input artifact before reading it. Without it, files up to "
                    + "64 MiB (tokenizers, models, stats) are re-hashed and larger data files are checked by size; "
                    + "'tumbler artifacts verify' re-hashes everything. (default: false)")
    boolean verifyInputs;

    public String store() {
        return store;
    }

    public String master() {
        return master;
    }

    public long seed() {
        return seed;
    }

    public Path conf() {
        return conf;
    }

    public List<String> sets() {
        return sets;
    }

    public boolean verifyInputs() {
        return verifyInputs;
    }

    /** These options as the context a job runs under, recording {@code commandLine} in its manifests. */
    public RunContext context(String commandLine) {
        return new RunContext(store, master, seed, conf, sets, verifyInputs, commandLine);
    }

    /** The store named by {@code --store}, checking inputs as {@code --verify-inputs} asks. */
    public ArtifactStore openStore(Configuration hadoop) {
        return context(null).openStore(hadoop);
    }
}
