package dev.tumbler.cli;

import dev.tumbler.generate.ChatSession;
import dev.tumbler.generate.GenerationSetup;
import dev.tumbler.jobs.HadoopConfs;
import dev.tumbler.store.ArtifactStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tumbler chat}: an interactive chat with a model artifact on stdin/stdout. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with a model artifact: each line on stdin is a user turn, the reply streams to stdout,",
                "with tool calls shown as [python] ... [/python] and their results as [output] ... [/output].",
                "/reset starts over, /quit or end of input ends. Works with piped input.",
                "Example: ./tumbler chat --model model/chat --temperature 0.6"})
public final class ChatCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Mixin
    GenerationOptions options;

    @Override
    public Integer call() throws IOException {
        options.validate();
        ArtifactStore store = ArtifactStore.open(global.store(), HadoopConfs.fromSystemProperties());
        GenerationSetup.Engine engine = GenerationSetup.load(store, options.model, options.pythonTool);
        boolean terminal = System.console() != null;
        System.err.println("chat with " + engine.model() + " (context " + engine.generator().contextLength()
                + " tokens); tool: " + engine.toolDescription() + "; /reset, /quit");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        new ChatSession(engine.generator(), options.sampling(), options.maxTokens, global.seed(), terminal)
                .run(in, System.out);
        return 0;
    }
}
