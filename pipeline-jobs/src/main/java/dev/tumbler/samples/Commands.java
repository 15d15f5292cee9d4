package dev.tumbler.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs external commands (npm, mvn, dpkg-query) with a timeout, capturing their output. */
final class Commands {
    private Commands() {
    }

    /** Result of a command; {@code exitCode} is -1 when it timed out. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last few lines of stderr (or stdout), for error messages. */
        String tail() {
            String text = stderr.isBlank() ? stdout : stderr;
            String[] lines = text.strip().split("\\R");
            int from = Math.max(0, lines.length - 5);
            return String.join(" | ", List.of(lines).subList(from, lines.length));
        }
    }

    /** Thrown when the executable cannot be started at all (typically: not installed). */
    static final class NotFoundException extends IOException {
        NotFoundException(String command, IOException cause) {
            super("cannot run " + command + ": " + cause.getMessage(), cause);
        }
    }

    static Result run(Path workDir, long timeoutSeconds, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new NotFoundException(command.get(0), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, out.getNow(""),
                        "timed out after " + timeoutSeconds + "s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** True when {@code executable --version} starts and exits 0. */
    static boolean available(String executable) {
        try {
            return run(null, 60, List.of(executable, "--version")).ok();
        } catch (IOException e) {
            return false;
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (InputStream in = stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                result.complete(buffer.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "samples-command-output");
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
