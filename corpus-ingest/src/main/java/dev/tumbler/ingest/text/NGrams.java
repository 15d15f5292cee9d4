package dev.tumbler.ingest.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Word n-grams and the repetition measures the Gopher rules take over them. */
public final class NGrams {
    private NGrams() {
    }

    /** The {@code n}-grams of {@code words}, each joined with single spaces; empty if there are fewer than n words. */
    public static List<String> of(List<String> words, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        int count = words.size() - n + 1;
        List<String> out = new ArrayList<>(Math.max(count, 0));
        for (int i = 0; i < count; i++) {
            out.add(String.join(" ", words.subList(i, i + n)));
        }
        return out;
    }

    /**
     * Characters covered by the most frequent repeated element: {@code length(top) * count(top)},
     * where ties go to the element seen first. Zero when no element occurs more than once.
     */
    public static long topDuplicateChars(List<String> elements) {
        Map<String, Integer> counts = new HashMap<>();
        String top = null;
        int topCount = 1;
        for (String element : elements) {
            int c = counts.merge(element, 1, Integer::sum);
            if (c > topCount) {
                top = element;
                topCount = c;
            }
        }
        return top == null ? 0L : (long) top.length() * topCount;
    }

    /**
     * Datatrove's {@code find_all_duplicate}: scan the word n-grams left to right; an n-gram seen
     * before adds its characters (its words' lengths, without separators) and the scan jumps past
     * it, so overlapping repeats are not counted twice; otherwise it is remembered and the scan
     * moves one word on.
     */
    public static long allDuplicateChars(List<String> words, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        Set<List<String>> seen = new HashSet<>();
        long repeated = 0;
        int idx = 0;
        int last = words.size() - n;
        while (idx <= last) {
            List<String> gram = words.subList(idx, idx + n);
            if (seen.contains(gram)) {
                for (String w : gram) {
                    repeated += w.length();
                }
                idx += n;
            } else {
                seen.add(gram);
                idx++;
            }
        }
        return repeated;
    }

    /** Result of {@link #duplicates}: how many elements repeat an earlier one, and their total characters. */
    public record Duplicates(int elements, long chars) {
    }

    /** Datatrove's {@code find_duplicates}: every element equal to an earlier one counts, with its length. */
    public static Duplicates duplicates(List<String> elements) {
        Set<String> seen = new HashSet<>();
        int dup = 0;
        long chars = 0;
        for (String element : elements) {
            if (!seen.add(element)) {
                dup++;
                chars += element.length();
            }
        }
        return new Duplicates(dup, chars);
    }
}
