package dev.tumbler.model.tokenizer;

/**
 * Byte-pair encoding of one chunk: start from single bytes and repeatedly apply the lowest-ranked
 * merge among adjacent tokens, leftmost first on ties (tiktoken's and HF's order). Short chunks use
 * flat arrays; long ones a linked list with a heap, O(n log n).
 */
final class BytePairEncoder {
    private static final int SMALL = 128;

    private BytePairEncoder() {
    }

    static void encode(Merges merges, byte[] b, int start, int end, IntList out) {
        int n = end - start;
        if (n == 1) {
            out.add(merges.byteId(b[start] & 0xFF));
        } else if (n <= SMALL) {
            encodeSmall(merges, b, start, n, out);
        } else {
            encodeLarge(merges, b, start, n, out);
        }
    }

    private static void encodeSmall(Merges merges, byte[] b, int start, int n, IntList out) {
        int[] ids = new int[n];
        int[] ranks = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = merges.byteId(b[start + k] & 0xFF);
        }
        for (int k = 0; k < n - 1; k++) {
            ranks[k] = merges.rank(ids[k], ids[k + 1]);
        }
        int len = n;
        while (len > 1) {
            int best = PairTable.NONE;
            int at = -1;
            for (int k = 0; k < len - 1; k++) {
                if (ranks[k] < best) {
                    best = ranks[k];
                    at = k;
                }
            }
            if (at < 0) {
                break;
            }
            ids[at] = merges.result(best);
            System.arraycopy(ids, at + 2, ids, at + 1, len - at - 2);
            if (len - at - 3 > 0) {
                System.arraycopy(ranks, at + 2, ranks, at + 1, len - at - 3);
            }
            len--;
            if (at > 0) {
                ranks[at - 1] = merges.rank(ids[at - 1], ids[at]);
            }
            if (at < len - 1) {
                ranks[at] = merges.rank(ids[at], ids[at + 1]);
            }
        }
        for (int k = 0; k < len; k++) {
            out.add(ids[k]);
        }
    }

    private static void encodeLarge(Merges merges, byte[] b, int start, int n, IntList out) {
        int[] ids = new int[n];
        int[] next = new int[n];
        int[] prev = new int[n];
        int[] pairRank = new int[n];
        LongHeap heap = new LongHeap(n);
        for (int k = 0; k < n; k++) {
            ids[k] = merges.byteId(b[start + k] & 0xFF);
            next[k] = k + 1;
            prev[k] = k - 1;
        }
        pairRank[n - 1] = PairTable.NONE;
        for (int k = 0; k < n - 1; k++) {
            pairRank[k] = merges.rank(ids[k], ids[k + 1]);
            push(heap, pairRank[k], k);
        }
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int rank = (int) (top >>> 32);
            int k = (int) top;
            if (pairRank[k] != rank) {
                continue;
            }
            int gone = next[k];
            int after = next[gone];
            ids[k] = merges.result(rank);
            next[k] = after;
            if (after < n) {
                prev[after] = k;
            }
            pairRank[gone] = PairTable.NONE;
            pairRank[k] = after < n ? merges.rank(ids[k], ids[after]) : PairTable.NONE;
            push(heap, pairRank[k], k);
            int p = prev[k];
            if (p >= 0) {
                pairRank[p] = merges.rank(ids[p], ids[k]);
                push(heap, pairRank[p], p);
            }
        }
        for (int k = 0; k < n; k = next[k]) {
            out.add(ids[k]);
        }
    }

    private static void push(LongHeap heap, int rank, int position) {
        if (rank != PairTable.NONE) {
            heap.push(((long) rank << 32) | position);
        }
    }
}
