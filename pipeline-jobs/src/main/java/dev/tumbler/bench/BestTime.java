package dev.tumbler.bench;

/** The shortest of several timed runs of an action: a benchmark's least disturbed run on a shared machine. */
final class BestTime {
    private BestTime() {
    }

    /** Runs {@code action} {@code runs} times (at least once) and returns the shortest run in seconds. */
    static double seconds(int runs, Runnable action) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < Math.max(1, runs); i++) {
            long t0 = System.nanoTime();
            action.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
