package dev.tumbler.model.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The optional tool: runs the code in a {@code python3} subprocess. What is enforced, and by what:
 * <ul>
 *   <li>kernel: wall-clock timeout (the JVM kills the process), RLIMIT_CPU, RLIMIT_AS (memory), RLIMIT_FSIZE,
 *   RLIMIT_NPROC = 0 (no fork, no threads), RLIMIT_NOFILE, set before the code runs and not raisable by it;</li>
 *   <li>kernel, when {@code unshare -rn} works on this machine: a new network namespace with no interfaces but
 *   a down loopback, so no connection can leave the process;</li>
 *   <li>Python level (an audit hook the code cannot remove; a determined attacker with a CPython bug could get
 *   past it): no sockets, no subprocesses or signals, no ctypes, no file writes, renames or deletions outside the
 *   call's temporary working directory;</li>
 *   <li>JVM: an empty environment, a fresh temporary directory deleted afterwards, output capped (the process is
 *   killed when it writes more).</li>
 * </ul>
 * Reads of files the user can read are not prevented. Never throws from {@link #run}.
 */
public final class PythonTool implements Tool {
    private static final String WRAPPER = "python_sandbox.py";

    private final String python;
    private final boolean networkNamespace;
    private final PythonLimits limits;

    private PythonTool(String python, boolean networkNamespace, PythonLimits limits) {
        this.python = python;
        this.networkNamespace = networkNamespace;
        this.limits = limits;
    }

    /**
     * Finds {@code python3} on the PATH (its real executable) and checks whether {@code unshare -rn} works.
     *
     * @throws IllegalArgumentException naming {@code --python-tool} when no python3 runs
     */
    public static PythonTool create(PythonLimits limits) {
        String exe;
        try {
            exe = firstLine(new ProcessBuilder("python3", "-I", "-c", "import sys; print(sys.executable)"), 20);
        } catch (IOException e) {
            exe = null;
        }
        if (exe == null || exe.isBlank()) {
            throw new IllegalArgumentException("--python-tool: no working python3 on the PATH");
        }
        boolean netns;
        try {
            netns = firstLine(new ProcessBuilder("unshare", "-rn", exe, "-I", "-c", "print('ok')"), 20) != null;
        } catch (IOException e) {
            netns = false;
        }
        return new PythonTool(exe, netns, limits);
    }

    /** True when calls run in their own network namespace. */
    public boolean networkNamespace() {
        return networkNamespace;
    }

    @Override
    public String describe() {
        return "python3 subprocess (" + python + "): " + limits.timeout().toSeconds() + " s wall, "
                + limits.cpuSeconds() + " s CPU, " + (limits.memoryBytes() >> 20) + " MiB memory, no new processes, "
                + (limits.fileBytes() >> 10) + " KiB files, " + (limits.outputBytes() >> 10) + " KiB output; network: "
                + (networkNamespace ? "own empty network namespace (unshare -rn) plus Python-level socket block"
                : "Python-level socket block only (unshare -rn is not available here)")
                + "; writes outside the temp dir blocked at Python level";
    }

    @Override
    public String run(String code) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tumbler-python");
            Path work = Files.createDirectory(dir.resolve("work"));
            Path wrapper = dir.resolve(WRAPPER);
            try (InputStream in = PythonTool.class.getResourceAsStream(WRAPPER)) {
                Files.copy(in, wrapper);
            }
            Path codeFile = dir.resolve("code.py");
            Files.writeString(codeFile, code, StandardCharsets.UTF_8);
            return execute(command(work, wrapper, codeFile), work);
        } catch (IOException | RuntimeException e) {
            return "error: the python tool could not run: " + e.getMessage();
        } finally {
            deleteTree(dir);
        }
    }

    private List<String> command(Path work, Path wrapper, Path codeFile) {
        List<String> cmd = new ArrayList<>();
        if (networkNamespace) {
            cmd.addAll(List.of("unshare", "-rn"));
        }
        cmd.addAll(List.of(python, "-I", "-B", wrapper.toString(), work.toString(),
                String.valueOf(limits.cpuSeconds()), String.valueOf(limits.memoryBytes()),
                String.valueOf(limits.fileBytes()), codeFile.toString()));
        return cmd;
    }

    private String execute(List<String> cmd, Path work) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("HOME", work.toString());
        pb.environment().put("LANG", "C.UTF-8");
        Process process = pb.start();
        process.getOutputStream().close();
        CappedReader output = new CappedReader(process, limits.outputBytes());
        Thread reader = new Thread(output, "python-tool-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return "error: interrupted";
        }
        String text = output.text();
        if (output.truncated()) {
            return text + "\n[output cut at " + limits.outputBytes() + " bytes; the process was stopped]";
        }
        if (!finished) {
            return "error: timed out after " + limits.timeout().toSeconds() + " s" + (text.isEmpty() ? "" : "\n" + text);
        }
        int exit = process.exitValue();
        if (exit == 0) {
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }
        if (exit == 128 + 24 || exit == 128 + 9) {
            return "error: stopped by the CPU limit (" + limits.cpuSeconds() + " s)" + (text.isEmpty() ? "" : "\n" + text);
        }
        String trimmed = text.strip();
        return trimmed.startsWith("error:") ? trimmed : "error: exit code " + exit + (trimmed.isEmpty() ? "" : "\n" + trimmed);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a process's output up to a cap; past it, kills the process. */
    private static final class CappedReader implements Runnable {
        private final Process process;
        private final byte[] buffer;
        private volatile int length;
        private volatile boolean truncated;

        CappedReader(Process process, int cap) {
            this.process = process;
            this.buffer = new byte[cap];
        }

        @Override
        public void run() {
            try (InputStream in = process.getInputStream()) {
                while (length < buffer.length) {
                    int n = in.read(buffer, length, buffer.length - length);
                    if (n < 0) {
                        return;
                    }
                    length += n;
                }
                if (in.read() >= 0) {
                    truncated = true;
                    kill(process);
                }
            } catch (IOException e) {
                // the process was killed; keep what was read
            }
        }

        String text() {
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }

        boolean truncated() {
            return truncated;
        }
    }

    private static String firstLine(ProcessBuilder pb, int timeoutSeconds) throws IOException {
        Process p = pb.redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 && !out.isEmpty() ? out.lines().findFirst().orElse(null) : null;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp dir is not worth failing the call
        }
    }
}
