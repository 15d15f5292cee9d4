package dev.tumbler.sft;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatJsonl;
import dev.tumbler.samples.SotuSample;
import dev.tumbler.sft.source.ArithmeticSource;
import dev.tumbler.sft.source.IdentitySource;
import dev.tumbler.sft.source.LetterCountSource;
import dev.tumbler.sft.source.QuizSource;
import dev.tumbler.sft.source.RiddleSource;
import dev.tumbler.sft.source.SftSource;
import dev.tumbler.sft.source.SotuSource;
import dev.tumbler.sft.source.SourceConfig;
import dev.tumbler.sft.source.WordNetSource;
import dev.tumbler.sft.source.WordProblemSource;
import dev.tumbler.store.Sha256;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The SFT mixture: runs each source of an {@link SftDataConfig} with its own generator (split from the seed by the
 * source's name, so turning one source off leaves the others' conversations as they were), writes each conversation
 * {@code oversample} times as a JSONL line, and names the sources it skipped and why.
 */
public final class Mixture {
    /** A source with what the config asks of it. */
    record Entry(SftSource source, SourceConfig mix) {
    }

    /**
     * What the mixture produced.
     *
     * @param lines     the conversations as input lines, copies included
     * @param generated distinct conversations per source that ran
     * @param skipped   per skipped source, why
     * @param files     sha256 per input file read
     */
    public record Result(List<InputLine> lines, Map<String, Integer> generated, Map<String, String> skipped,
                         Map<String, String> files) {
    }

    private final List<Entry> entries;

    Mixture(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The mixture of {@code config}; the SOTU source fetches through {@code sotu} into {@code cacheDir}. */
    public static Mixture of(SftDataConfig config, SotuSample sotu, Path cacheDir, PrintStream log) {
        config.validate();
        return new Mixture(List.of(
                new Entry(new WordNetSource(config.wordnet()), config.wordnet()),
                new Entry(new QuizSource(config.quiz()), config.quiz()),
                new Entry(new RiddleSource(config.riddles()), config.riddles()),
                new Entry(new SotuSource(config.sotu(), sotu, cacheDir, log), config.sotu()),
                new Entry(new IdentitySource(config.identity()), config.identity()),
                new Entry(new ArithmeticSource(config.arithmetic()), config.arithmetic()),
                new Entry(new LetterCountSource(config.letterCount()), config.letterCount()),
                new Entry(new WordProblemSource(config.wordProblems()), config.wordProblems())));
    }

    /** Runs every source that is on and available. */
    public Result run(long seed, PrintStream log) {
        List<InputLine> lines = new ArrayList<>();
        Map<String, Integer> generated = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (Entry e : entries) {
            SftSource source = e.source();
            if (e.mix().count() == 0) {
                continue;
            }
            var why = source.unavailable();
            if (why.isPresent()) {
                skipped.put(source.name(), why.get());
                log.printf("sft-data: skipping %s: %s%n", source.name(), why.get());
                continue;
            }
            List<ChatConversation> conversations;
            try {
                for (Path f : source.files()) {
                    if (Files.isRegularFile(f)) {
                        files.put(f.toString(), Sha256.ofFile(f));
                    }
                }
                SplittableRandom random = new SplittableRandom(seedOf(seed, source.name()));
                conversations = source.conversations(e.mix().count(), random);
            } catch (IOException ex) {
                throw new UncheckedIOException("sft-data: source " + source.name() + ": " + ex.getMessage(), ex);
            }
            generated.put(source.name(), conversations.size());
            for (int i = 0; i < conversations.size(); i++) {
                String json = ChatJsonl.format(conversations.get(i));
                for (int copy = 1; copy <= e.mix().oversample(); copy++) {
                    String id = String.format("%s-%06d%s", source.name(), i, copy == 1 ? "" : "-" + copy);
                    lines.add(new InputLine(id, source.name(), source.name(), i + 1L, json));
                }
            }
        }
        return new Result(lines, generated, skipped, files);
    }

    /** The seed of one source's generator: {@code seed} mixed with the name's hash. */
    static long seedOf(long seed, String sourceName) {
        long z = seed * 0x9E3779B97F4A7C15L + sourceName.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
