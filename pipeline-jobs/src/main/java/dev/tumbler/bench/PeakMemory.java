package dev.tumbler.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.bytedeco.javacpp.Pointer;

/**
 * Peak memory of this JVM while a benchmark runs: heap (the sum of the heap pools' peak usage, as the JVM tracks it),
 * native memory outside the JVM's own pools (resident set minus committed heap and non-heap, sampled every 50 ms:
 * ND4J's buffers and workspaces, OpenBLAS, Spark's off-heap; JavaCPP's own byte count misses ND4J's allocations) and
 * the process's peak resident set (the kernel's {@code VmHWM}).
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
            offHeapPeak = Math.max(offHeapPeak, nativeBytes());
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
        return new Peaks(heap, Math.max(offHeapPeak, nativeBytes()), ResidentSet.peakBytes());
    }

    /** Resident bytes not committed to the JVM's heap or non-heap pools. */
    private static long nativeBytes() {
        MemoryMXBean jvm = ManagementFactory.getMemoryMXBean();
        long committed = jvm.getHeapMemoryUsage().getCommitted() + jvm.getNonHeapMemoryUsage().getCommitted();
        return Math.max(0, Pointer.physicalBytes() - committed);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
