package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairHeapTest {
    @Test
    void popsHighestCountThenSmallestKey() {
        Random random = new Random(3);
        PairHeap heap = new PairHeap(1);
        List<long[]> entries = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long[] e = {random.nextInt(50), PairIndex.key(random.nextInt(400), random.nextInt(400))};
            entries.add(e);
            heap.push(e[0], e[1]);
        }
        entries.sort(Comparator.<long[]>comparingLong(e -> -e[0]).thenComparingLong(e -> e[1]));
        for (long[] e : entries) {
            assertEquals(e[0], heap.topCount());
            assertEquals(e[1], heap.topKey());
            heap.pop();
        }
        assertTrue(heap.isEmpty());
    }

    @Test
    void pairKeysOrderLikeLeftThenRight() {
        assertTrue(PairIndex.key(1, 500_000) < PairIndex.key(2, 0));
        assertTrue(PairIndex.key(7, 3) < PairIndex.key(7, 4));
        assertEquals(300_000, PairIndex.left(PairIndex.key(300_000, 5)));
        assertEquals(5, PairIndex.right(PairIndex.key(300_000, 5)));
    }
}
