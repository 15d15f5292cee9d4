package dev.tumbler.jobs;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.sft.ConversationStats;
import dev.tumbler.sft.QuestionSplit;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The table {@code sft-data} and {@code sft-data import} print: per source its train and val rows. */
final class SftSummary {
    private SftSummary() {
    }

    static void print(PrintStream out, ConversationStats stats, Map<String, Integer> generated,
                      Map<String, String> skipped) {
        ConversationsArtifact.Split train = stats.splits().get(QuestionSplit.TRAIN);
        ConversationsArtifact.Split val = stats.splits().get(QuestionSplit.VAL);
        Set<String> sources = new LinkedHashSet<>(generated.keySet());
        sources.addAll(train.bySource().keySet());
        sources.addAll(val.bySource().keySet());
        out.printf("%-14s %9s %8s %7s%n", "source", "distinct", "train", "val");
        for (String s : sources) {
            Integer distinct = generated.get(s);
            out.printf("%-14s %9s %8d %7d%n", s, distinct == null ? "-" : distinct.toString(),
                    train.bySource().getOrDefault(s, 0L), val.bySource().getOrDefault(s, 0L));
        }
        skipped.forEach((s, why) -> out.printf("%-14s skipped: %s%n", s, why));
        out.printf("lines %d = kept %d (train %d, val %d) + rejected %d%s%n", stats.lines(), stats.kept(),
                train.conversations(), val.conversations(), stats.rejected(),
                stats.rejected() == 0 ? "" : " " + stats.rejectedByReason());
    }
}
