package dev.tumbler.sft;

import dev.tumbler.artifacts.ConversationsArtifact;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What writing conversation lines did: every line is kept in a split or rejected with a reason, so
 * {@code lines == kept + rejected}.
 *
 * @param lines            lines read
 * @param splits           per split ({@code train}, {@code val}), the conversations kept, by source
 * @param rejectedByReason lines rejected, by {@link dev.tumbler.model.chat.ChatReject} name
 */
public record ConversationStats(long lines, Map<String, ConversationsArtifact.Split> splits,
                                Map<String, Long> rejectedByReason) {
    public ConversationStats {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
    }

    public long kept() {
        return splits.values().stream().mapToLong(ConversationsArtifact.Split::conversations).sum();
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counts as written to {@code _stats.json}, in the layout of the manifest's metrics. */
    public Map<String, Object> toMap() {
        return ConversationsArtifact.metrics(this, Map.of());
    }
}
