package dev.tumbler.bench;

import java.util.Arrays;

/** Repeated measurements of one quantity (seconds, GFLOP/s), and the statistics a benchmark table reports. */
record Samples(double[] values) {
    Samples {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        values = values.clone();
    }

    double mean() {
        return Arrays.stream(values).average().orElseThrow();
    }

    /** The middle value; the mean of the two middle values for an even count. */
    double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    double max() {
        return Arrays.stream(values).max().orElseThrow();
    }
}
