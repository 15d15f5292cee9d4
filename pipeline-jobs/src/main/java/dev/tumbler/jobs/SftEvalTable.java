package dev.tumbler.jobs;

import dev.tumbler.sft.SftEval;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;

/** The side-by-side table {@code sft} prints after training: per task, the base and the SFT model's scores. */
final class SftEvalTable {
    private static final String ROW = "%-14s %7s %11s %11s %11s %11s %9s %9s%n";

    private SftEvalTable() {
    }

    static void print(PrintStream out, int prompts, SftEval.Report base, SftEval.Report sft) {
        out.printf("eval: %d held-out prompts, greedy, up to %d tokens (%d skipped: too long for the context)%n",
                prompts, base.maxTokens(), base.skippedTooLong());
        out.printf(ROW, "task", "prompts", "base exact", "sft exact", "base notool", "sft notool", "base stop",
                "sft stop");
        Set<String> tasks = new LinkedHashSet<>(base.byTask().keySet());
        tasks.addAll(sft.byTask().keySet());
        for (String t : tasks) {
            row(out, t, base.byTask().getOrDefault(t, SftEval.TaskScore.NONE),
                    sft.byTask().getOrDefault(t, SftEval.TaskScore.NONE));
        }
        row(out, "overall", base.overall(), sft.overall());
    }

    private static void row(PrintStream out, String task, SftEval.TaskScore base, SftEval.TaskScore sft) {
        out.printf(ROW, task, base.prompts(), pct(base.accuracy()), pct(sft.accuracy()),
                pct(base.accuracyWithoutTools()), pct(sft.accuracyWithoutTools()), pct(base.stopRate()),
                pct(sft.stopRate()));
    }

    private static String pct(Double share) {
        return share == null ? "-" : String.format("%.1f%%", 100 * share);
    }
}
