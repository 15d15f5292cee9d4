package dev.tumbler.sft.source;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded choices shared by the sources. */
final class Sampling {
    private Sampling() {
    }

    /** {@code count} items of {@code all} (all of them when fewer) in a seeded random order, without repeats. */
    static <T> List<T> choose(List<T> all, int count, SplittableRandom random) {
        List<T> copy = new ArrayList<>(all);
        int n = Math.min(count, copy.size());
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(copy.size() - i);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return new ArrayList<>(copy.subList(0, n));
    }

    /** One element of {@code options}. */
    static <T> T pick(List<T> options, SplittableRandom random) {
        return options.get(random.nextInt(options.size()));
    }

    /** A number of exactly {@code digits} decimal digits. */
    static long withDigits(int digits, SplittableRandom random) {
        long low = digits == 1 ? 0 : pow10(digits - 1);
        return random.nextLong(low, pow10(digits));
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
