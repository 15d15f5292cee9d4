package dev.tumbler.cli;

import dev.tumbler.jobs.TokenizerTrainJob;
import dev.tumbler.tokenize.TokenizerIO;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tumbler tokenizer}: train a byte-level BPE tokenizer, and encode or decode with one. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Byte-level BPE: train on a corpus artifact, encode text to ids, decode ids to text.",
        subcommands = {TokenizerCommand.Train.class, TokenizerCommand.Encode.class, TokenizerCommand.Decode.class})
public final class TokenizerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code tumbler tokenizer train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a byte-level BPE tokenizer on a corpus artifact and publish tokenizer/NAME/vN.",
                    "Chunk counting runs on the executors; merges are learned on the driver.",
                    "Example: ./tumbler tokenizer train --corpus corpus/samples --vocab-size 4096 --name samples"})
    static final class Train implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Spec
        CommandSpec spec;

        @Option(names = "--corpus", required = true, paramLabel = "REF",
                description = "Corpus artifact, kind/name or kind/name/vN (the newest version when no vN).")
        String corpus;

        @Option(names = "--vocab-size", required = true, paramLabel = "N",
                description = "Total vocabulary: 256 byte tokens + merges + the special tokens.")
        int vocabSize;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Publish as tokenizer/NAME/vN.")
        String name;

        @Option(names = "--pattern", defaultValue = "CL100K", paramLabel = "PATTERN",
                description = "Pre-tokenization split pattern: CL100K (GPT-4) or GPT2. (default: ${DEFAULT-VALUE})")
        String pattern;

        @Option(names = "--max-chars", defaultValue = "0", paramLabel = "N",
                description = "Train on about N characters of the corpus (a seeded sample of documents); "
                        + "0 means all. (default: ${DEFAULT-VALUE})")
        long maxChars;

        @Option(names = "--min-frequency", defaultValue = "2", paramLabel = "N",
                description = "Drop pre-token chunks seen fewer than N times before learning merges. "
                        + "(default: ${DEFAULT-VALUE})")
        long minFrequency;

        @Override
        public Integer call() {
            TokenizerTrainJob.Request request = new TokenizerTrainJob.Request(
                    global.context(Invocation.commandLine(spec)), corpus, vocabSize, name, pattern, maxChars,
                    minFrequency);
            System.out.println("artifact: " + new TokenizerTrainJob(request, System.out).run());
            return 0;
        }
    }

    /** {@code tumbler tokenizer encode}. */
    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = {"Encode the UTF-8 text on stdin; print the ids, separated by spaces.",
                    "Special-token strings in the text stay ordinary text unless --allow-special is given."})
    static final class Encode implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--tokenizer", required = true, paramLabel = "REF|PATH",
                description = "A tokenizer artifact (tokenizer/NAME[/vN]) or a tokenizer.json / .tiktoken file.")
        String tokenizer;

        @Option(names = "--pattern", paramLabel = "PATTERN",
                description = "Split pattern for a .tiktoken file whose name is not a known encoding. "
                        + "(default: from the file)")
        String pattern;

        @Option(names = "--allow-special", description = "Recognise special-token strings in the text. (default: false)")
        boolean allowSpecial;

        @Override
        public Integer call() throws Exception {
            TokenizerIO.encodeStdin(TokenizerIO.load(global.context(null), tokenizer, pattern), allowSpecial,
                    System.in, System.out);
            return 0;
        }
    }

    /** {@code tumbler tokenizer decode}. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode whitespace-separated ids on stdin; write the bytes they stand for to stdout.")
    static final class Decode implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--tokenizer", required = true, paramLabel = "REF|PATH",
                description = "A tokenizer artifact (tokenizer/NAME[/vN]) or a tokenizer.json / .tiktoken file.")
        String tokenizer;

        @Option(names = "--pattern", paramLabel = "PATTERN",
                description = "Split pattern for a .tiktoken file whose name is not a known encoding. "
                        + "(default: from the file)")
        String pattern;

        @Override
        public Integer call() throws Exception {
            TokenizerIO.decodeStdin(TokenizerIO.load(global.context(null), tokenizer, pattern), System.in, System.out);
            return 0;
        }
    }
}
