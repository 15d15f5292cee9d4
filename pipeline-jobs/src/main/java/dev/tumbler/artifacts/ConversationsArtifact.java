package dev.tumbler.artifacts;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatJsonl;
import dev.tumbler.model.chat.ChatParse;
import dev.tumbler.sft.ConversationStats;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code conversations} artifact: SFT conversations as Parquet under {@code train/} and {@code val/}, one row per
 * conversation with the columns {@code id}, {@code source} (the task it came from), {@code question} (the
 * normalized first user message, whose hash chose the split) and {@code messages_json} (the conversation as one
 * {@link ChatJsonl} line); {@code _rejected/} holds the lines that did not parse, with file, line number, reason,
 * detail and raw text, and {@code _stats.json} the counts. The manifest's metrics hold {@code lines},
 * {@code conversations}, per split its {@code conversations} and {@code by_source}, {@code rejected} ({@code total}
 * and {@code by_reason}) and {@code skipped} (source: why).
 *
 * @param ref              the conversations version
 * @param location         its version directory
 * @param lines            lines read (kept plus rejected)
 * @param splits           per split name, its counts
 * @param rejectedByReason rejected lines by reason
 * @param skipped          sources of the mixture that were skipped, and why
 */
public record ConversationsArtifact(ArtifactRef ref, String location, long lines, Map<String, Split> splits,
                                    Map<String, Long> rejectedByReason, Map<String, String> skipped) {
    public static final String ID = "id";
    public static final String SOURCE = "source";
    public static final String QUESTION = "question";
    public static final String MESSAGES_JSON = "messages_json";
    public static final String REJECTED_DIR = "_rejected";
    public static final String STATS_FILE = "_stats.json";
    private static final String REJECTED = "rejected";
    private static final String SKIPPED = "skipped";

    public ConversationsArtifact {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /**
     * What one split holds.
     *
     * @param conversations rows in the split
     * @param bySource      rows per source
     */
    public record Split(long conversations, Map<String, Long> bySource) {
        public Split {
            bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
        }
    }

    /** Claims the next version of {@code conversations/NAME}; the writer fills it. */
    public static StagingArea stage(ArtifactStore store, String name) {
        return store.stage(ArtifactKind.CONVERSATIONS, name);
    }

    /** Publishes staged conversations with their counts and skipped sources as the manifest's metrics. */
    public static ArtifactRef publish(ArtifactStore store, StagingArea staging, ConversationStats stats,
                                      Map<String, String> skipped, String commandLine, Map<String, Object> config,
                                      List<ArtifactRef> inputs) {
        if (staging.ref().kind() != ArtifactKind.CONVERSATIONS) {
            throw new IllegalArgumentException(staging.ref() + " is not a conversations artifact");
        }
        return store.publish(staging, new PublishRequest(commandLine, config, inputs, metrics(stats, skipped)));
    }

    /** The manifest metrics of conversations with these counts. */
    public static Map<String, Object> metrics(ConversationStats stats, Map<String, String> skipped) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", stats.lines());
        m.put("conversations", stats.kept());
        stats.splits().forEach((name, s) -> {
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("conversations", s.conversations());
            split.put("by_source", new TreeMap<>(s.bySource()));
            m.put(name, split);
        });
        Map<String, Object> rejected = new LinkedHashMap<>();
        rejected.put("total", stats.rejected());
        rejected.put("by_reason", new TreeMap<>(stats.rejectedByReason()));
        m.put(REJECTED, rejected);
        m.put(SKIPPED, new LinkedHashMap<>(skipped));
        return m;
    }

    /** The conversations given on the command line as {@code option} (newest version when no vN), checked. */
    public static ConversationsArtifact read(ArtifactStore store, String text, String option) {
        return read(store, store.resolve(text, ArtifactKind.CONVERSATIONS, option));
    }

    /**
     * The conversations {@code ref}, after checking their files against the manifest.
     *
     * @throws dev.tumbler.store.DamagedArtifactException when a file differs from the manifest
     */
    public static ConversationsArtifact read(ArtifactStore store, ArtifactRef ref) {
        ArtifactRef resolved = ManifestFacts.resolve(store, ref, ArtifactKind.CONVERSATIONS, "conversations");
        Manifest manifest = store.verifiedManifest(resolved);
        Map<String, Object> m = manifest.metrics();
        Map<String, Split> splits = new LinkedHashMap<>();
        for (String name : List.of("train", "val")) {
            Map<String, Object> s = ManifestFacts.map(resolved, m, name, "metrics.");
            Map<String, Object> bySource = ManifestFacts.map(resolved, s, "by_source", "metrics." + name + ".");
            Map<String, Long> counts = new TreeMap<>();
            bySource.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
            splits.put(name, new Split(ManifestFacts.longValue(resolved, s, "conversations", "metrics." + name + "."),
                    counts));
        }
        Map<String, Object> rejected = ManifestFacts.map(resolved, m, REJECTED, "metrics.");
        Map<String, Long> byReason = new TreeMap<>();
        ManifestFacts.map(resolved, rejected, "by_reason", "metrics.rejected.")
                .forEach((k, v) -> byReason.put(k, ((Number) v).longValue()));
        Map<String, String> skipped = new LinkedHashMap<>();
        ManifestFacts.map(resolved, m, SKIPPED, "metrics.").forEach((k, v) -> skipped.put(k, String.valueOf(v)));
        return new ConversationsArtifact(resolved, store.versionDir(resolved).toString(),
                ManifestFacts.longValue(resolved, m, "lines", "metrics."), splits, byReason, skipped);
    }

    /** Conversations kept, over the splits. */
    public long conversations() {
        return splits.values().stream().mapToLong(Split::conversations).sum();
    }

    /** Lines rejected. */
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The Parquet folder of a split ({@code train} or {@code val}). */
    public String splitUri(String split) {
        if (!splits.containsKey(split)) {
            throw new IllegalArgumentException(ref + " has no split '" + split + "' (it has " + splits.keySet() + ")");
        }
        return new Path(location, split).toString();
    }

    /** A split's rows ({@code id}, {@code source}, {@code question}, {@code messages_json}), read lazily. */
    public Dataset<Row> rows(SparkSession spark, String split) {
        return spark.read().parquet(splitUri(split));
    }

    /**
     * The conversation of one row of a split, for a job's executors (no store or driver state is needed).
     *
     * @throws IllegalArgumentException when its {@code messages_json} does not parse, which a published artifact
     *     never holds
     */
    public static ChatConversation conversation(Row row) {
        String json = row.getString(row.fieldIndex(MESSAGES_JSON));
        ChatParse parse = ChatJsonl.parse(json);
        if (!parse.isOk()) {
            throw new IllegalArgumentException("row " + row.getString(row.fieldIndex(ID)) + ": " + parse.reason()
                    + ": " + parse.detail());
        }
        return parse.conversation();
    }
}
