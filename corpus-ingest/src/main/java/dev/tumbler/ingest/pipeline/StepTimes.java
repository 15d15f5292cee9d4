package dev.tumbler.ingest.pipeline;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator of CPU-side wall time per pipeline step (nanoseconds, summed over all
 * executor threads). It tells where ingest time goes; a retried task may count twice, so treat
 * it as a profile, not an exact figure.
 */
public final class StepTimes extends AccumulatorV2<Map<String, Long>, Map<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final TreeMap<String, Long> nanos = new TreeMap<>();

    /** Adds {@code elapsedNanos} to {@code step}. */
    public void add(String step, long elapsedNanos) {
        synchronized (nanos) {
            nanos.merge(step, elapsedNanos, Long::sum);
        }
    }

    /** Seconds per step. */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new TreeMap<>();
        synchronized (nanos) {
            nanos.forEach((k, v) -> out.put(k, v / 1e9));
        }
        return out;
    }

    @Override
    public boolean isZero() {
        synchronized (nanos) {
            return nanos.isEmpty();
        }
    }

    @Override
    public AccumulatorV2<Map<String, Long>, Map<String, Long>> copy() {
        StepTimes c = new StepTimes();
        c.merge(this);
        return c;
    }

    @Override
    public void reset() {
        synchronized (nanos) {
            nanos.clear();
        }
    }

    @Override
    public void add(Map<String, Long> v) {
        v.forEach(this::add);
    }

    @Override
    public void merge(AccumulatorV2<Map<String, Long>, Map<String, Long>> other) {
        add(other.value());
    }

    @Override
    public Map<String, Long> value() {
        synchronized (nanos) {
            return new TreeMap<>(nanos);
        }
    }
}
