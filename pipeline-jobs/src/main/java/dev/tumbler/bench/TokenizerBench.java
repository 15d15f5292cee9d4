package dev.tumbler.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tumbler.bench.BenchTexts.Doc;
import dev.tumbler.model.tokenizer.BpeTrainer;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.TiktokenFiles;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.store.LocalFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code tumbler bench tokenizer}: Tumbler's cl100k_base encoder against jtokkit and Hugging Face tokenizers
 * (through DJL) on the same real text in one process: first that all three give the same ids on every
 * document, then encode throughput on one thread and on all cores, then the time to train a 32k vocabulary
 * on half of the text and on all of it.
 */
public final class TokenizerBench {
    private static final int VOCAB_SIZE = 32768;
    private static final int WARMUP_ROUNDS = 1;
    private static final int MISMATCHES_SHOWN = 5;

    private final Path samples;
    private final int rounds;
    private final long maxBytes;
    private final PrintStream out;

    /** A benchmark of the text in {@code samples}, at most {@code maxMb} MB, {@code rounds} measured rounds. */
    public TokenizerBench(Path samples, int rounds, int maxMb, PrintStream out) {
        this.samples = samples;
        this.rounds = rounds;
        this.maxBytes = maxMb * 1_000_000L;
        this.out = out;
    }

    /** Runs the checks and measurements, printing to {@code out}; returns the exit code, 0. */
    public int run() {
        List<Doc> docs = BenchTexts.load(samples, maxBytes);
        long bytes = docs.stream().mapToLong(Doc::bytes).sum();
        out.printf("bench tokenizer: %d documents, %.1f MB of UTF-8 text (cap %d MB, MB = 10^6 bytes) from %s%n",
                docs.size(), bytes / 1e6, maxBytes / 1_000_000, samples);
        docs.stream().collect(Collectors.groupingBy(Doc::source, TreeMap::new, Collectors.toList()))
                .forEach((source, list) -> out.printf("  %-16s %6d docs %7.1f MB%n", source, list.size(),
                        list.stream().mapToLong(Doc::bytes).sum() / 1e6));
        Path tmp = createTempDir();
        try {
            Tokenizer tumbler = TiktokenFiles.load(cl100kRankFile(tmp));
            Encoding jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
            Path json = tmp.resolve("tokenizer.json");
            TokenizerJson.save(tumbler, json);
            try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false"))) {
                long[] tokens = checkIds(docs, tumbler, jtokkit, hf);
                // All three are thread-safe (immutable tables; DJL's encode only reads its native tokenizer),
                // so one handle each is shared by the pool; the token totals of every pass confirm it.
                List<Throughput.Library> libraries = List.of(
                        new Throughput.Library("Tumbler", text -> tumbler.encode(text).length, tokens[0]),
                        new Throughput.Library("jtokkit", text -> jtokkit.encodeOrdinary(text).size(), tokens[1]),
                        new Throughput.Library("HF (DJL)", text -> hf.encode(text, false, false).getIds().length,
                                tokens[2]));
                throughput(docs, bytes, libraries);
            }
            training(docs, bytes);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LocalFiles.deleteRecursively(tmp);
        }
    }

    /** Compares the ids of the three libraries on every document; returns each library's token total. */
    private long[] checkIds(List<Doc> docs, Tokenizer tumbler, Encoding jtokkit, HuggingFaceTokenizer hf) {
        long[] tokens = new long[3];
        int jtokkitMismatches = 0;
        int hfMismatches = 0;
        for (int i = 0; i < docs.size(); i++) {
            String text = docs.get(i).text();
            int[] t = tumbler.encode(text);
            int[] j = jtokkit.encodeOrdinary(text).toArray();
            int[] h = Arrays.stream(hf.encode(text, false, false).getIds()).mapToInt(Math::toIntExact).toArray();
            tokens[0] += t.length;
            tokens[1] += j.length;
            tokens[2] += h.length;
            if (!Arrays.equals(t, j) && jtokkitMismatches++ < MISMATCHES_SHOWN) {
                out.println("  MISMATCH " + describe(tumbler, docs.get(i), i, t, "jtokkit", j));
            }
            if (!Arrays.equals(t, h) && hfMismatches++ < MISMATCHES_SHOWN) {
                out.println("  MISMATCH " + describe(tumbler, docs.get(i), i, t, "HF", h));
            }
        }
        out.printf("correctness: ids differ from Tumbler's on %d of %d documents for jtokkit, on %d for HF (DJL)%s%n",
                jtokkitMismatches, docs.size(), hfMismatches,
                jtokkitMismatches + hfMismatches == 0 ? " - all identical" : " - BUG, see the mismatches above");
        out.printf("  tokens: Tumbler %d, jtokkit %d, HF %d%n", tokens[0], tokens[1], tokens[2]);
        return tokens;
    }

    /** Where two id sequences first differ, with the text of the tokens around it. */
    private static String describe(Tokenizer vocab, Doc doc, int index, int[] tumbler, String name, int[] other) {
        int at = 0;
        while (at < tumbler.length && at < other.length && tumbler[at] == other[at]) {
            at++;
        }
        return String.format("doc %d (%s): %d vs %d tokens, first difference at token %d: Tumbler %s, %s %s",
                index, doc.source(), tumbler.length, other.length, at, pieces(vocab, tumbler, at), name,
                pieces(vocab, other, at));
    }

    private static String pieces(Tokenizer vocab, int[] ids, int at) {
        StringBuilder s = new StringBuilder("[");
        for (int k = Math.max(0, at - 1); k < Math.min(ids.length, at + 3); k++) {
            String piece = new String(vocab.tokenBytes(ids[k]), StandardCharsets.UTF_8)
                    .replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
            s.append(k > Math.max(0, at - 1) ? " " : "").append(ids[k]).append(":\"").append(piece).append('"');
        }
        return s.append(']').toString();
    }

    private void throughput(List<Doc> docs, long bytes, List<Throughput.Library> libraries) {
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, Throughput.Timing> t;
        try (Throughput bench = new Throughput(docs.stream().map(Doc::text).toList(), threads)) {
            t = bench.measure(libraries, WARMUP_ROUNDS, rounds);
        }
        double mb = bytes / 1e6;
        out.printf("encode throughput, cl100k_base, one call per document, MB/s of UTF-8 input:"
                + " best of %d measured rounds after %d warm-up, libraries interleaved%n", rounds, WARMUP_ROUNDS);
        out.printf("  %-22s %12s %14s %10s %18s%n", "library", "1 thread", threads + " threads", "scaling",
                "same token total");
        t.forEach((name, x) -> out.printf("  %-22s %12.2f %14.2f %9.2fx %18s%n", name, mb / x.seconds1(),
                mb / x.secondsN(), x.seconds1() / x.secondsN(), x.tokensConsistent() ? "yes" : "NO (bug)"));
        Throughput.Timing tumbler = t.get("Tumbler");
        Throughput.Timing jtokkit = t.get("jtokkit");
        Throughput.Timing hf = t.get("HF (DJL)");
        double vsJtokkit = jtokkit.seconds1() / tumbler.seconds1();
        double vsHf = hf.seconds1() / tumbler.seconds1();
        out.printf("  %-22s %11.2fx %13.2fx%n", "ratio Tumbler/jtokkit", vsJtokkit, jtokkit.secondsN() / tumbler.secondsN());
        out.printf("  %-22s %11.2fx %13.2fx%n", "ratio Tumbler/HF", vsHf, hf.secondsN() / tumbler.secondsN());
        out.printf("goal: Tumbler >= 1.0x jtokkit on one thread: %s (%.2fx)%n", vsJtokkit >= 1.0 ? "MET" : "NOT MET",
                vsJtokkit);
        out.printf("goal: Tumbler >= 2x HF on one thread:        %s (%.2fx)%n", vsHf >= 2.0 ? "MET" : "NOT MET", vsHf);
    }

    /** Counts chunks and learns a 32k vocabulary on the first half of the text and on all of it. */
    private void training(List<Doc> docs, long bytes) {
        int merges = VOCAB_SIZE - BpeTrainer.BYTE_TOKENS - SpecialTokens.ALL.size();
        out.printf("training a %d-token vocabulary (%d bytes + %d merges + %d specials), one thread,"
                        + " CL100K split, min pair count %d, after one untimed warm-up on the half:%n", VOCAB_SIZE, BpeTrainer.BYTE_TOKENS, merges,
                SpecialTokens.ALL.size(), BpeTrainer.DEFAULT_MIN_PAIR_COUNT);
        out.printf("  %-6s %8s %16s %8s %14s %10s %10s%n", "text", "MB", "distinct chunks", "merges",
                "stopped early", "count s", "train s");
        int half = 0;
        for (long taken = 0; half < docs.size() && taken < bytes / 2; half++) {
            taken += docs.get(half).bytes();
        }
        trainOnce(null, docs.subList(0, half), merges);  // warm-up, not printed: JIT of the split and the trainer
        double[] halfRun = trainOnce("half", docs.subList(0, half), merges);
        double[] allRun = trainOnce("all", docs, merges);
        out.printf("  growth all/half: text %.2fx, distinct chunks %.2fx, count time %.2fx, train time %.2fx%n",
                allRun[0] / halfRun[0], allRun[1] / halfRun[1], allRun[2] / halfRun[2], allRun[3] / halfRun[3]);
    }

    /** Counts and trains once, printing a row unless {@code label} is null; returns {MB, distinct chunks, count s, train s}. */
    private double[] trainOnce(String label, List<Doc> docs, int merges) {
        long start = System.nanoTime();
        Map<String, Long> counts = new HashMap<>();
        for (Doc doc : docs) {
            for (String chunk : SplitPattern.CL100K.split(doc.text())) {
                counts.merge(chunk, 1L, Long::sum);
            }
        }
        double countSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        BpeTrainer.Result result = BpeTrainer.train(counts, BpeTrainer.Options.of(merges));
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        double mb = docs.stream().mapToLong(Doc::bytes).sum() / 1e6;
        if (label != null) {
            out.printf("  %-6s %8.1f %16d %8d %14s %10.2f %10.2f%n", label, mb, result.distinctChunks(),
                    result.merges().size(), result.stoppedEarly() ? "yes" : "no", countSeconds, trainSeconds);
        }
        return new double[] {mb, result.distinctChunks(), countSeconds, trainSeconds};
    }

    /** Copies cl100k_base.tiktoken out of the jtokkit jar; the file name gives Tumbler its pattern and specials. */
    private static Path cl100kRankFile(Path dir) throws IOException {
        try (InputStream in = Encodings.class.getResourceAsStream("/com/knuddels/jtokkit/cl100k_base.tiktoken")) {
            if (in == null) {
                throw new IllegalStateException("cl100k_base.tiktoken is missing from the jtokkit jar");
            }
            Path file = dir.resolve("cl100k_base.tiktoken");
            Files.copy(in, file);
            return file;
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("tumbler-bench-tokenizer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
