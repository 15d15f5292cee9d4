package dev.tumbler.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The timing loop of the tokenizer benchmark: per-document encode calls over a fixed list of documents, on
 * the calling thread and on a fixed pool (documents dealt round-robin to the threads), warm-up rounds first,
 * then measured rounds that interleave the libraries; the best (shortest) pass of each is kept. Every pass
 * must produce the library's expected token total, which also catches a library that is not thread-safe.
 */
public final class Throughput implements AutoCloseable {
    /** Encodes one document and returns its number of tokens. */
    @FunctionalInterface
    public interface Encoder {
        int countTokens(String text);
    }

    /** A library under test: its name, its encoder (shared by all threads) and its token total on the documents. */
    public record Library(String name, Encoder encoder, long expectedTokens) {
    }

    /** Best seconds of a library on one thread and on the pool, and whether every pass gave the expected tokens. */
    public record Timing(double seconds1, double secondsN, boolean tokensConsistent) {
    }

    private final List<String> docs;
    private final List<List<String>> shares;
    private final ExecutorService pool;

    /** A benchmark over {@code docs} with a pool of {@code threads} threads. */
    public Throughput(List<String> docs, int threads) {
        this.docs = docs;
        this.shares = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < docs.size(); i++) {
            shares.get(i % threads).add(docs.get(i));
        }
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "tokenizer-bench");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code warmups} unmeasured and {@code rounds} measured rounds; the start library rotates per round. */
    public Map<String, Timing> measure(List<Library> libraries, int warmups, int rounds) {
        Map<String, double[]> best = new LinkedHashMap<>();
        Map<String, Boolean> consistent = new LinkedHashMap<>();
        for (Library lib : libraries) {
            best.put(lib.name(), new double[] {Double.MAX_VALUE, Double.MAX_VALUE});
            consistent.put(lib.name(), true);
        }
        for (int round = 0; round < warmups + rounds; round++) {
            boolean measured = round >= warmups;
            for (int pooled = 0; pooled < 2; pooled++) {
                for (int k = 0; k < libraries.size(); k++) {
                    Library lib = libraries.get((k + round) % libraries.size());
                    long start = System.nanoTime();
                    long tokens = pooled == 1 ? onPool(lib.encoder()) : onThisThread(lib.encoder(), docs);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (tokens != lib.expectedTokens()) {
                        consistent.put(lib.name(), false);
                    }
                    double[] b = best.get(lib.name());
                    if (measured) {
                        b[pooled] = Math.min(b[pooled], seconds);
                    }
                }
            }
        }
        Map<String, Timing> timings = new LinkedHashMap<>();
        best.forEach((name, b) -> timings.put(name, new Timing(b[0], b[1], consistent.get(name))));
        return timings;
    }

    private static long onThisThread(Encoder encoder, List<String> texts) {
        long tokens = 0;
        for (String text : texts) {
            tokens += encoder.countTokens(text);
        }
        return tokens;
    }

    private long onPool(Encoder encoder) {
        List<Future<Long>> parts = new ArrayList<>(shares.size());
        for (List<String> share : shares) {
            parts.add(pool.submit(() -> onThisThread(encoder, share)));
        }
        long tokens = 0;
        try {
            for (Future<Long> part : parts) {
                tokens += part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding failed on a pool thread: " + e.getCause(), e.getCause());
        }
        return tokens;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
