package dev.tumbler.cli;

import dev.tumbler.jobs.HadoopConfs;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Lineage;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.ManifestText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tumbler artifacts}: look into the artifact store, check it, and clean it up. */
@Command(name = "artifacts", mixinStandardHelpOptions = true,
        description = "List, show, trace, verify and garbage-collect the artifacts in the store (--store).",
        subcommands = {ArtifactsCommand.ListVersions.class, ArtifactsCommand.Show.class, ArtifactsCommand.LineageTree.class,
                ArtifactsVerifyCommand.class, ArtifactsGcCommand.class})
public final class ArtifactsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The store named by {@code --store}. */
    static ArtifactStore open(GlobalOptions global) {
        return global.openStore(HadoopConfs.fromSystemProperties());
    }

    /** {@code scope} checked and in its one spelling, {@code kind} or {@code kind/name} (no spaces, no trailing '/'). */
    static String canonicalScope(String scope, String what) {
        String[] parts = scope.strip().split("/");
        if (parts.length > 2) {
            throw new IllegalArgumentException(what + ": expected KIND or KIND/NAME, got '" + scope + "'");
        }
        String kind = ArtifactKind.parse(parts[0], what).dirName();
        if (parts.length == 2) {
            ArtifactRef.requireSegment("name", parts[1]);
            return kind + "/" + parts[1];
        }
        return kind;
    }

    /** Every published version in {@code kind[/name]} (everything when {@code scope} is null), in order. */
    static List<ArtifactRef> versionsIn(ArtifactStore store, String scope, String what) {
        List<ArtifactKind> kinds;
        String onlyName = null;
        if (scope == null) {
            kinds = store.kinds();
        } else {
            String[] parts = canonicalScope(scope, what).split("/");
            kinds = List.of(ArtifactKind.parse(parts[0], what));
            onlyName = parts.length == 2 ? parts[1] : null;
        }
        List<ArtifactRef> out = new ArrayList<>();
        for (ArtifactKind kind : kinds) {
            for (String name : onlyName == null ? store.names(kind) : List.of(onlyName)) {
                out.addAll(store.versions(kind, name));
            }
        }
        return out;
    }

    /** {@code tumbler artifacts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List published versions with their creation time, size and file count.",
                    "Example: ./tumbler artifacts list corpus"})
    static final class ListVersions implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", arity = "0..1", paramLabel = "KIND[/NAME]",
                description = "Only this kind, or this kind/name. (default: every artifact)")
        String scope;

        @Override
        public Integer call() {
            ArtifactStore store = open(global);
            List<ArtifactRef> refs = versionsIn(store, scope, "KIND[/NAME]");
            if (refs.isEmpty()) {
                System.out.println("no artifacts" + (scope == null ? "" : " in " + scope) + " in " + store.uri());
                return 0;
            }
            System.out.printf(Locale.ROOT, "%-40s %-21s %10s %6s%n", "ARTIFACT", "CREATED", "SIZE", "FILES");
            for (ArtifactRef ref : refs) {
                Manifest m = store.manifest(ref);
                System.out.printf(Locale.ROOT, "%-40s %-21s %10s %6d%n", ref, m.createdAt(),
                        ManifestText.bytes(ManifestText.totalBytes(m)), m.files().size());
            }
            return 0;
        }
    }

    /** {@code tumbler artifacts show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print an artifact's manifest: command, config, inputs, metrics, files with sha256.",
                    "Example: ./tumbler artifacts show tokenizer/samples"})
    static final class Show implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "REF", description = "kind/name/vN, or kind/name for the newest version.")
        String ref;

        @Option(names = "--json", description = "Print manifest.json as stored. (default: false)")
        boolean json;

        @Override
        public Integer call() {
            ArtifactStore store = open(global);
            ArtifactRef resolved = store.resolve(ArtifactRef.parse(ref, "REF"));
            if (json) {
                System.out.print(store.manifestJson(resolved));
            } else {
                System.out.print(ManifestText.render(store.manifest(resolved)));
            }
            return 0;
        }
    }

    /** {@code tumbler artifacts lineage}. */
    @Command(name = "lineage", mixinStandardHelpOptions = true,
            description = {"Print the tree of artifacts an artifact was made from, down to the crawl it was ingested from.",
                    "Example: ./tumbler artifacts lineage model/tiny"})
    static final class LineageTree implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "REF", description = "kind/name/vN, or kind/name for the newest version.")
        String ref;

        @Override
        public Integer call() {
            ArtifactStore store = open(global);
            System.out.print(Lineage.render(Lineage.of(store, ArtifactRef.parse(ref, "REF"))));
            return 0;
        }
    }
}
