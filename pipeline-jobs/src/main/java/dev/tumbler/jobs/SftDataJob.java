package dev.tumbler.jobs;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.config.ConfigResolver;
import dev.tumbler.samples.SotuSample;
import dev.tumbler.sft.ConversationStats;
import dev.tumbler.sft.ConversationWriter;
import dev.tumbler.sft.Mixture;
import dev.tumbler.sft.SftDataConfig;
import dev.tumbler.spark.SparkSessions;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.StagingArea;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sft-data phase: builds the SFT mixture of {@code sft_data.*} from real sources and synthetic tool tasks
 * ({@link Mixture}), splits it by question hash and publishes a {@code conversations} artifact. A source that is
 * not installed is skipped, printed and named in the manifest. {@link #run} returns the ref it published.
 */
public final class SftDataJob {
    /**
     * Everything the CLI hands over.
     *
     * @param cacheDir    the samples cache the SOTU tarball is fetched into
     * @param printConfig only print the resolved mixture
     */
    public record Request(RunContext context, String name, Path cacheDir, boolean printConfig) {
    }

    private final Request request;
    private final PrintStream out;
    private final SotuSample sotu;

    public SftDataJob(Request request, PrintStream out) {
        this(request, out, new SotuSample());
    }

    /** With {@code sotu} fetching the State of the Union tarball (tests pass one with a fixture). */
    public SftDataJob(Request request, PrintStream out, SotuSample sotu) {
        this.request = request;
        this.out = out;
        this.sotu = sotu;
    }

    /** Resolves {@code sft_data.*} from the defaults, {@code --conf} and {@code --set}, validated. */
    public static SftDataConfig resolveConfig(RunContext context) {
        SftDataConfig config = ConfigResolver.resolve(SftDataConfig.SECTION, SftDataConfig.defaults(),
                SftDataConfig.class, context.conf(), context.sets());
        config.validate();
        return config;
    }

    /** Builds and publishes the mixture; empty when it only printed the configuration. */
    public Optional<ArtifactRef> run() {
        RunContext context = request.context();
        SftDataConfig config = resolveConfig(context);
        if (request.printConfig()) {
            out.print(ConfigResolver.toYaml(SftDataConfig.SECTION, config));
            return Optional.empty();
        }
        if (request.name() == null) {
            throw new IllegalArgumentException("--name is required: publish as conversations/NAME/vN");
        }
        ArtifactRef.requireSegment("name", request.name());
        Mixture mixture = Mixture.of(config, sotu, request.cacheDir(), out);
        ArtifactStore store = context.openStore(HadoopConfs.fromSystemProperties());
        Mixture.Result mix = mixture.run(context.seed(), out);
        if (mix.lines().isEmpty()) {
            throw new IllegalArgumentException("sft-data: no source gave any conversation (skipped: " + mix.skipped()
                    + "); install the packages named above or turn sources on in --conf");
        }
        return Optional.of(SparkSessions.with("tumbler sft-data", context.master(), spark -> {
            StagingArea staging = ConversationsArtifact.stage(store, request.name());
            ConversationStats stats;
            try {
                stats = ConversationWriter.write(ConversationWriter.toDataset(spark, mix.lines()),
                        config.valFraction(), staging.uri(), store.hadoopConf());
            } catch (RuntimeException e) {
                store.abandon(staging);
                throw e;
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            resolved.put(SftDataConfig.SECTION, ConfigResolver.toMap(config));
            resolved.put("seed", context.seed());
            resolved.put("generated", mix.generated());
            resolved.put("input_files_sha256", mix.files());
            ArtifactRef ref = ConversationsArtifact.publish(store, staging, stats, mix.skipped(),
                    context.commandLine(), resolved, List.of());
            SftSummary.print(out, stats, mix.generated(), mix.skipped());
            return ref;
        }));
    }
}
