package dev.tumbler.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.bytedeco.javacpp.Pointer;

/**
 * Peak memory of this JVM while a benchmark runs: heap (the sum of the heap pools' peak usage, as the JVM tracks it),
 * ND4J's off-heap buffers (JavaCPP's count of the bytes it allocated, sampled every 50 ms) and the process's peak
 * resident set (the kernel's {@code VmHWM}).
 */
public final class PeakMemory implements AutoCloseable {
    /** What was measured, in bytes. */
    public record Peaks(long heapBytes, long offHeapBytes, long residentBytes) {
    }

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long offHeapPeak;

    private PeakMemory() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        sampler = new Thread(this::sample, "peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts measuring from now. */
    public static PeakMemory start() {
        return new PeakMemory();
    }

    private void sample() {
        while (running) {
            offHeapPeak = Math.max(offHeapPeak, Pointer.totalBytes());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The peaks since {@link #start()}. */
    public Peaks peaks() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new Peaks(heap, Math.max(offHeapPeak, Pointer.totalBytes()), ResidentSet.peakBytes());
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
