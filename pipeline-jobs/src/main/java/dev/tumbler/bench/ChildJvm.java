package dev.tumbler.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class in a fresh JVM with this JVM's class path and {@code --add-opens}/{@code -D} flags, so that a
 * benchmark can set per-process limits (native threads, heap) and measure a process's own peak memory.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass args} through {@code launcher} (a command such as {@code taskset -c 0} that starts the JVM;
     * empty for none) with {@code env} added to this process's environment (a null value removes the variable) and
     * the given maximum heap; returns its standard output.
     *
     * @throws IllegalStateException when the child exits non-zero, with the tail of its output
     */
    static List<String> run(List<String> launcher, Class<?> mainClass, List<String> args, Map<String, String> env,
                            String maxHeap) {
        return run(launcher, mainClass, args, env, maxHeap, List.of());
    }

    /** {@link #run(List, Class, List, Map, String)} with {@code jvmFlags} added after this JVM's own. */
    static List<String> run(List<String> launcher, Class<?> mainClass, List<String> args, Map<String, String> env,
                            String maxHeap, List<String> jvmFlags) {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("-D")) {
                command.add(flag);
            }
        }
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            Path log = Files.createTempFile("tumbler-bench-child", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                env.forEach((k, v) -> {
                    if (v == null) {
                        builder.environment().remove(k);
                    } else {
                        builder.environment().put(k, v);
                    }
                });
                int exit = builder.start().waitFor();
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                if (exit != 0) {
                    List<String> tail = lines.subList(Math.max(0, lines.size() - 20), lines.size());
                    throw new IllegalStateException(mainClass.getSimpleName() + " " + args + " exited with " + exit
                            + ":\n" + String.join("\n", tail));
                }
                return lines;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
