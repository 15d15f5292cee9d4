package dev.tumbler.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear warmup from 0 to {@code peakLr} over {@code warmupSteps} iterations, then cosine decay to {@code minLr} at
 * {@code totalSteps}, then {@code minLr}. A pure function of the iteration DL4J passes (the network configuration's
 * iteration count; see {@link SparkTrainer} for how that count is kept global), so it continues across parameter-averaging rounds and across a resume from a checkpoint.
 */
public final class LrSchedule implements ISchedule {
    @JsonProperty("peakLr")
    private final double peakLr;
    @JsonProperty("minLr")
    private final double minLr;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("totalSteps")
    private final int totalSteps;

    /** Warmup for {@code warmupSteps} to {@code peakLr}, cosine to {@code minLr} at {@code totalSteps}. */
    @JsonCreator
    public LrSchedule(@JsonProperty("peakLr") double peakLr, @JsonProperty("minLr") double minLr,
                      @JsonProperty("warmupSteps") int warmupSteps, @JsonProperty("totalSteps") int totalSteps) {
        if (!(peakLr > 0) || minLr < 0 || minLr > peakLr) {
            throw new IllegalArgumentException("need 0 <= minLr <= peakLr, peakLr > 0; got " + minLr + ", " + peakLr);
        }
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warmupSteps < totalSteps; got " + warmupSteps + ", "
                    + totalSteps);
        }
        this.peakLr = peakLr;
        this.minLr = minLr;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return peakLr * (iteration + 1) / warmupSteps;
        }
        if (iteration >= totalSteps) {
            return minLr;
        }
        double progress = (double) (iteration - warmupSteps) / (totalSteps - warmupSteps);
        return minLr + 0.5 * (peakLr - minLr) * (1 + Math.cos(Math.PI * progress));
    }

    /**
     * Value equality matters: DL4J groups parameters into updater blocks by updater equality, and the
     * updater state's layout follows the blocks. With identity equality, a network restored from a
     * checkpoint (one schedule instance per layer) splits into more blocks than the one that saved it,
     * reads Adam's first moments as second moments, and its first update is NaN.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LrSchedule s && s.peakLr == peakLr && s.minLr == minLr
                && s.warmupSteps == warmupSteps && s.totalSteps == totalSteps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(peakLr, minLr, warmupSteps, totalSteps);
    }

    @Override
    public ISchedule clone() {
        return new LrSchedule(peakLr, minLr, warmupSteps, totalSteps);
    }

    public double peakLr() {
        return peakLr;
    }

    public double minLr() {
        return minLr;
    }

    public int warmupSteps() {
        return warmupSteps;
    }

    public int totalSteps() {
        return totalSteps;
    }
}
