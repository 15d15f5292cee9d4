package dev.tumbler.model.tools;

import java.time.Duration;

/**
 * Limits of one {@link PythonTool} call: wall-clock {@code timeout}, CPU seconds, address space, largest file it may
 * write, and captured output (stdout and stderr together).
 */
public record PythonLimits(Duration timeout, int cpuSeconds, long memoryBytes, long fileBytes, int outputBytes) {
    /** Validates that every limit is positive. */
    public PythonLimits {
        if (timeout.isNegative() || timeout.isZero() || cpuSeconds < 1 || memoryBytes < (64L << 20) || fileBytes < 1
                || outputBytes < 1) {
            throw new IllegalArgumentException("python tool limits must be positive (memory >= 64 MiB): " + timeout
                    + ", " + cpuSeconds + " s CPU, " + memoryBytes + " B memory, " + fileBytes + " B files, "
                    + outputBytes + " B output");
        }
    }

    /** 10 s wall clock, 5 s CPU, 512 MiB, 1 MiB files, 16 KiB of output. */
    public static PythonLimits defaults() {
        return new PythonLimits(Duration.ofSeconds(10), 5, 512L << 20, 1L << 20, 16 << 10);
    }
}
