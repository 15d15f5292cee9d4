package dev.tumbler.cli;

import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.GcPlan;
import dev.tumbler.store.StoreGc;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tumbler artifacts gc}: remove what failed jobs left behind and, when asked, old versions. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Remove what failed jobs left behind and, with --keep-last, old versions.",
                "Leftovers: staging directories, version directories without a manifest, claims of versions that",
                "were never published. --keep-last N removes all but the newest N versions of each name, except",
                "versions that a kept artifact's lineage names.",
                "Example: ./tumbler artifacts gc --keep-last 3 --dry-run"})
final class ArtifactsGcCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND[/NAME]",
            description = "Apply --keep-last only to this kind or kind/name; leftovers are collected store-wide. "
                    + "(default: every artifact)")
    String scope;

    @Option(names = "--keep-last", paramLabel = "N", defaultValue = "0",
            description = "Keep the newest N versions of each name and remove older ones; 0 keeps every version. "
                    + "(default: ${DEFAULT-VALUE})")
    int keepLast;

    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "24h",
            description = "Only remove leftovers nothing has written to for this long (a running job may own "
                    + "younger ones), e.g. 30m, 6h, 7d, 0s. (default: ${DEFAULT-VALUE})")
    String olderThan;

    @Option(names = "--dry-run", description = "Print what would be removed; remove nothing. (default: false)")
    boolean dryRun;

    @Override
    public Integer call() {
        // One spelling of the scope for StoreGc's matching: "corpus/" or " corpus" must not match nothing.
        String gcScope = scope == null ? null : ArtifactsCommand.canonicalScope(scope, "KIND[/NAME]");
        StoreGc.Settings settings = new StoreGc.Settings(parseDuration(olderThan, "--older-than"), keepLast, gcScope);
        ArtifactStore store = ArtifactsCommand.open(global);
        StoreGc gc = new StoreGc(store);
        GcPlan plan = gc.plan(settings, Instant.now());
        String verb = dryRun ? "would remove " : "removed ";
        if (!dryRun) {
            gc.apply(plan);
        }
        plan.staging().forEach(p -> System.out.println(verb + "staging leftover     " + relative(store, p)));
        plan.incompleteVersions().forEach(p -> System.out.println(verb + "incomplete version   " + relative(store, p)));
        plan.staleClaims().forEach(p -> System.out.println(verb + "stale claim          " + relative(store, p)));
        plan.oldVersions().forEach(r -> System.out.println(verb + "old version          " + r));
        plan.keptForLineage().forEach((r, by) -> System.out.println("kept " + r + ": named in the lineage of " + by));
        System.out.printf(Locale.ROOT, "%s%d staging, %d incomplete, %d claims, %d old versions%n", verb,
                plan.staging().size(), plan.incompleteVersions().size(), plan.staleClaims().size(), plan.oldVersions().size());
        return 0;
    }

    private static String relative(ArtifactStore store, Path p) {
        String root = store.uri().getPath();
        String path = p.toUri().getPath();
        return path.startsWith(root) ? path.substring(root.length()).replaceFirst("^/", "") : p.toString();
    }

    /** {@code 90s}, {@code 30m}, {@code 6h}, {@code 7d}, or ISO-8601 ({@code PT1H}). */
    static Duration parseDuration(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("[0-9]+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": not a duration: '" + text + "' (use e.g. 30m, 6h, 7d or PT1H)");
        }
    }
}
