package dev.tumbler.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A SPARK_HOME without a Spark distribution: {@code jars/} holds links to the jars of the build's
 * provided class path (Spark, Hadoop, Scala) plus the libraries of the runtime class path that
 * Spark needs but Maven resolved at compile scope (slf4j-api, commons-lang3, ...: a distribution
 * ships them), leaving out what only the application brings: Tumbler's modules (jars built in this
 * repository), DL4J, ND4J, DataVec and the native libraries (bytedeco). Those must come from the spark-submit jar, as on a real cluster. A Worker
 * puts {@code jars/*} on its executors' class path; {@code spark-submit} runs from it.
 */
final class SparkHome {
    /** Repository folders of the libraries that only the application jar may bring. */
    private static final List<String> APPLICATION_ONLY = List.of("/dev/tumbler/", "/org/deeplearning4j/",
            "/org/nd4j/", "/org/datavec/", "/org/bytedeco/");
    private SparkHome() {
    }

    /**
     * @param repoRoot jars under this folder (the build's own modules) are left out
     */
    static Path create(Path home, String providedClassPath, String runtimeClassPath, Path repoRoot) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Set<String> names = new HashSet<>();
        List<String> entries = new ArrayList<>(List.of(providedClassPath.strip().split(File.pathSeparator)));
        for (String entry : runtimeClassPath.strip().split(File.pathSeparator)) {
            boolean ownModule = Path.of(entry).toAbsolutePath().normalize().startsWith(repoRoot);
            if (!ownModule && APPLICATION_ONLY.stream().noneMatch(entry::contains)) {
                entries.add(entry);
            }
        }
        for (String entry : entries) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            String name = jar.getFileName().toString();
            if (names.add(name)) {
                Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
            }
        }
        if (names.stream().noneMatch(n -> n.startsWith("spark-core_"))) {
            throw new IllegalStateException("no spark-core jar in the provided class path: " + providedClassPath);
        }
        return home;
    }
}
