package dev.tumbler.cli;

import dev.tumbler.bench.IngestBench;
import dev.tumbler.bench.TokenizerBench;
import dev.tumbler.samples.SampleFetcher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tumbler bench}: throughput benchmarks, each reported against a ceiling measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. Each prints ratios against a reference measured in the same run.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Tokenizers.class, BenchCommand.ShardFormat.class, BenchCommand.Train.class, BenchCommand.Generate.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code tumbler bench ingest}. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Whole ingest of the sample data: docs/s and MB/s per core, against the plain",
                    "read-and-decompress rate of the same files on the same cores (the I/O ceiling)."})
    static final class Ingest implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--samples", paramLabel = "DIR",
                description = "Sample cache to read (run 'tumbler samples fetch' first). "
                        + "(default: $TUMBLER_SAMPLES or ~/.cache/tumbler/samples)")
        Path samples;

        @Option(names = "--repeat", defaultValue = "2",
                description = "Measured runs of each side; the best is reported. (default: ${DEFAULT-VALUE})")
        int repeat;

        @Override
        public Integer call() {
            if (repeat < 1) {
                throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
            }
            Path dir = samples != null ? samples : SampleFetcher.defaultCacheDir();
            return new IngestBench(global.context(null), dir, repeat, System.out).run();
        }
    }

    /** {@code tumbler bench tokenizer}. */
    @Command(name = "tokenizer", mixinStandardHelpOptions = true,
            description = {"Tumbler's cl100k_base encoder against jtokkit and HF tokenizers (DJL):",
                    "identical ids on the sample text, MB/s on one thread and on all cores,",
                    "and the time to train a 32k vocabulary on half and on all of the text."})
    static final class Tokenizers implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--samples", paramLabel = "DIR",
                description = "Sample cache to read (run 'tumbler samples fetch' first). "
                        + "(default: $TUMBLER_SAMPLES or ~/.cache/tumbler/samples)")
        Path samples;

        @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
                description = "Measured rounds after one warm-up round; the best is reported. (default: ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--max-mb", defaultValue = "16", paramLabel = "N",
                description = "Use at most N MB (10^6 bytes) of UTF-8 text. (default: ${DEFAULT-VALUE})")
        int maxMb;

        @Override
        public Integer call() {
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
            }
            if (maxMb < 1) {
                throw new IllegalArgumentException("--max-mb must be >= 1, got " + maxMb);
            }
            Path dir = samples != null ? samples : SampleFetcher.defaultCacheDir();
            return new TokenizerBench(dir, rounds, maxMb, System.out).run();
        }
    }

    /** {@code tumbler bench shard-format}. */
    @Command(name = "shard-format", mixinStandardHelpOptions = true,
            description = {"Token windows stored as packed int32 binary vs array<int> in zstd Parquet:",
                    "size on disk and full-read-and-decode rate of each, on the same cores."})
    static final class ShardFormat implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--windows", defaultValue = "200000", description = "Windows to write. (default: ${DEFAULT-VALUE})")
        int windows;

        @Option(names = "--seq-len", defaultValue = "256", description = "Tokens per window, minus one. (default: ${DEFAULT-VALUE})")
        int seqLen;

        @Option(names = "--rounds", defaultValue = "3", description = "Measured reads of each layout; the best is reported. (default: ${DEFAULT-VALUE})")
        int rounds;

        @Override
        public Integer call() {
            if (windows < 1 || seqLen < 1 || rounds < 1) {
                throw new IllegalArgumentException("--windows, --seq-len and --rounds must be >= 1");
            }
            return new dev.tumbler.bench.ShardFormatBench(global.context(null), windows, seqLen, rounds, System.out)
                    .run();
        }
    }

    /** {@code tumbler bench train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Transformer training throughput (tokens/s, achieved FLOP/s) of model presets in one JVM,",
                    "against the machine's sgemm ceiling measured in the same run; then Spark parameter-averaging",
                    "scaling efficiency and peak heap/off-heap memory per executor, each run in its own JVM; then",
                    "round time with 1x and 8x the shards, streamed, in a memory-capped JVM (data scaling)."})
    static final class Train implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--presets", split = ",",
                defaultValue = "conf/model/tiny.yaml,conf/model/mini.yaml,conf/model/small.yaml",
                description = "Model presets to measure. (default: ${DEFAULT-VALUE})")
        List<java.nio.file.Path> presets;

        @Option(names = "--vocab", defaultValue = "4096", description = "Vocabulary size. (default: ${DEFAULT-VALUE})")
        int vocab;

        @Option(names = "--minibatch", defaultValue = "8", description = "Sequences per step. (default: ${DEFAULT-VALUE})")
        int minibatch;

        @Option(names = "--steps", defaultValue = "9",
                description = "Timed steps per preset after the warm-up, each followed by an sgemm sample; the "
                        + "median is reported. (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--warmup-seconds", defaultValue = "30",
                description = "Untimed training per preset before the timed steps (at least two steps). "
                        + "(default: ${DEFAULT-VALUE})")
        double warmupSeconds;

        @Option(names = "--scaling-preset", defaultValue = "conf/model/tiny.yaml",
                description = "Model of the Spark scaling and memory runs. (default: ${DEFAULT-VALUE})")
        java.nio.file.Path scalingPreset;

        @Option(names = "--workers", defaultValue = "2",
                description = "Spark workers (local[N]) of the scaling runs. (default: ${DEFAULT-VALUE})")
        int workers;

        @Option(names = "--averaging-frequency", defaultValue = "8",
                description = "Steps between parameter averagings in the scaling runs. (default: ${DEFAULT-VALUE})")
        int averagingFrequency;

        @Option(names = "--rounds", defaultValue = "3",
                description = "Timed averaging rounds per scaling run, after one warm-up; the best is reported. "
                        + "(default: ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--executor-heap", defaultValue = "4g",
                description = "-Xmx of each scaling run's JVM. (default: ${DEFAULT-VALUE})")
        String executorHeap;

        @Option(names = "--skip-scaling", description = "Measure the presets only. (default: ${DEFAULT-VALUE})")
        boolean skipScaling;

        @Option(names = "--only", paramLabel = "PART",
                description = "Run one part only: presets, scaling or data-scaling. (default: all three)")
        String only;

        @Option(names = "--data-tokens", defaultValue = "24000000",
                description = "Tokens in the 1x shards of the data-scaling run. (default: ${DEFAULT-VALUE})")
        long dataTokens;

        @Option(names = "--data-rounds", defaultValue = "5",
                description = "Timed rounds per size in the data-scaling run, after one warm-up; the best and the "
                        + "median are reported. (default: ${DEFAULT-VALUE})")
        int dataRounds;

        @Option(names = "--data-row-group-mb", defaultValue = "8",
                description = "Row-group size of the data-scaling shards, as shard --row-group-mb. "
                        + "(default: ${DEFAULT-VALUE})")
        int dataRowGroupMb;

        @Option(names = "--data-executor-heap", defaultValue = "768m",
                description = "-Xmx of the data-scaling JVMs. (default: ${DEFAULT-VALUE})")
        String dataExecutorHeap;

        @Option(names = "--data-executor-native", defaultValue = "512m",
                description = "ND4J off-heap cap (org.bytedeco.javacpp.maxbytes) of the data-scaling JVMs. "
                        + "(default: ${DEFAULT-VALUE})")
        String dataExecutorNative;

        @Option(names = "--data-executor-rss", defaultValue = "3g",
                description = "Resident-set cap (org.bytedeco.javacpp.maxphysicalbytes) of the data-scaling JVMs. "
                        + "(default: ${DEFAULT-VALUE})")
        String dataExecutorRss;

        @Override
        public Integer call() {
            if (vocab < 2 || minibatch < 1 || steps < 1) {
                throw new IllegalArgumentException("--vocab must be >= 2, --minibatch and --steps >= 1");
            }
            if (!(warmupSeconds >= 0)) {
                throw new IllegalArgumentException("--warmup-seconds must be >= 0, got " + warmupSeconds);
            }
            if (workers < 1 || averagingFrequency < 1 || rounds < 1) {
                throw new IllegalArgumentException("--workers, --averaging-frequency and --rounds must be >= 1");
            }
            requireSize("--executor-heap", executorHeap);
            requireSize("--data-executor-heap", dataExecutorHeap);
            requireSize("--data-executor-native", dataExecutorNative);
            requireSize("--data-executor-rss", dataExecutorRss);
            if (only != null && !List.of("presets", "scaling", "data-scaling").contains(only)) {
                throw new IllegalArgumentException("--only must be presets, scaling or data-scaling, got " + only);
            }
            if (dataTokens < 1 || dataRounds < 1 || dataRowGroupMb < 1 || dataRowGroupMb > 1024) {
                throw new IllegalArgumentException("--data-tokens and --data-rounds must be >= 1 and "
                        + "--data-row-group-mb in 1..1024");
            }
            boolean presetsPart = only == null || only.equals("presets");
            boolean scalingPart = only == null ? !skipScaling : only.equals("scaling");
            boolean dataPart = only == null ? !skipScaling : only.equals("data-scaling");
            if (presetsPart) {
                for (java.nio.file.Path p : presets) {
                    requireFile("--presets", p);
                }
            }
            if (scalingPart || dataPart) {
                requireFile("--scaling-preset", scalingPreset);
            }
            int status = 0;
            if (presetsPart) {
                status = new dev.tumbler.bench.TrainBench(presets, vocab, minibatch, steps, warmupSeconds,
                        global.seed(), System.out).run();
            }
            if (scalingPart) {
                new dev.tumbler.bench.TrainScaling(dev.tumbler.bench.TrainBench.benchConfig(scalingPreset, vocab),
                        workers, minibatch, averagingFrequency, rounds, global.seed(), executorHeap, System.out).run();
            }
            if (dataPart) {
                new dev.tumbler.bench.DataScaling(dev.tumbler.bench.TrainBench.benchConfig(scalingPreset, vocab),
                        workers, minibatch, averagingFrequency, dataRounds, global.seed(), dataTokens, dataRowGroupMb,
                        dataExecutorHeap, dataExecutorNative, dataExecutorRss, System.out).run();
            }
            return status;
        }
    }

    /** {@code tumbler bench generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Greedy decoding to N tokens with the KV cache against recomputing the DL4J full forward",
                    "pass for every new token, same random-init model, same run; and K-sample batch throughput."})
    static final class Generate implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--preset", defaultValue = "conf/model/small.yaml",
                description = "Model preset. (default: ${DEFAULT-VALUE})")
        java.nio.file.Path preset;

        @Option(names = "--vocab", defaultValue = "4096", description = "Vocabulary size. (default: ${DEFAULT-VALUE})")
        int vocab;

        @Option(names = "--tokens", defaultValue = "256",
                description = "Sequence length reached (at most the preset's seq_len). (default: ${DEFAULT-VALUE})")
        int tokens;

        @Option(names = "-n", defaultValue = "8", paramLabel = "K",
                description = "Samples in the batched-throughput run. (default: ${DEFAULT-VALUE})")
        int samples;

        @Override
        public Integer call() {
            if (tokens < 2 || samples < 1) {
                throw new IllegalArgumentException("--tokens must be >= 2 and -n >= 1");
            }
            requireFile("--preset", preset);
            if (vocab < 265) {
                throw new IllegalArgumentException("--vocab must be >= 265 (bytes and special tokens), got " + vocab);
            }
            return new dev.tumbler.bench.GenerateBench(preset, vocab, tokens, samples, global.seed(), System.out).run();
        }
    }

    /** Fails before any work, naming the option, when {@code size} is not a JVM size such as 4g. */
    private static void requireSize(String option, String size) {
        if (!size.matches("[0-9]+[kmgKMG]?")) {
            throw new IllegalArgumentException(option + ": expected a JVM size such as 4g, got " + size);
        }
    }

    /** Fails before any work, naming the option, when {@code file} is not a regular file. */
    private static void requireFile(String option, java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": file not found: " + file);
        }
    }
}
