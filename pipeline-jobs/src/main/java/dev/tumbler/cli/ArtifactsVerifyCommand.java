package dev.tumbler.cli;

import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tumbler artifacts verify}: re-hash artifacts and name every file that differs from its manifest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute the sha256 of every file and compare it with the manifest.",
                "Exits 1 and names each missing, changed or unlisted file when an artifact does not match.",
                "Example: ./tumbler artifacts verify corpus/samples/v1"})
final class ArtifactsVerifyCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REF",
            description = "kind/name/vN, or kind/name for its newest version. (default: every version of every artifact)")
    String ref;

    @Override
    public Integer call() {
        ArtifactStore store = ArtifactsCommand.open(global);
        List<ArtifactRef> refs = ref == null ? ArtifactsCommand.versionsIn(store, null, "REF")
                : List.of(store.resolve(ArtifactRef.parse(ref, "REF")));
        int damaged = 0;
        for (ArtifactRef r : refs) {
            List<String> problems = store.verify(r);
            if (problems.isEmpty()) {
                System.out.println("ok       " + r);
            } else {
                damaged++;
                System.out.println("DAMAGED  " + r);
                problems.forEach(p -> System.out.println("         " + p));
            }
        }
        System.out.println(refs.size() + " artifact version(s) verified, " + damaged + " damaged");
        return damaged == 0 ? 0 : 1;
    }
}
