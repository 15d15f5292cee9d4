package dev.tumbler.generate;

import dev.tumbler.model.generate.Completion;
import dev.tumbler.model.generate.Conversation;
import dev.tumbler.model.generate.GenerationRequest;
import dev.tumbler.model.generate.Generator;
import dev.tumbler.model.generate.PromptCache;
import dev.tumbler.model.generate.SamplingParams;
import dev.tumbler.model.tokenizer.SpecialTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code tumbler chat} loop: each input line is a user turn; the reply streams as it is generated. {@code /reset}
 * starts over, {@code /quit} or end of input ends. When the conversation no longer fits the model's context, earlier
 * turns are dropped. The key/value cache is kept between turns ({@link PromptCache}), so a turn computes only its
 * new tokens. Works the same whether input is a terminal or a pipe ({@code prompts} shows "you> " only for a
 * terminal).
 */
public final class ChatSession {
    private final Generator generator;
    private final SamplingParams sampling;
    private final int maxTokens;
    private final long seed;
    private final boolean prompts;

    public ChatSession(Generator generator, SamplingParams sampling, int maxTokens, long seed, boolean prompts) {
        this.generator = generator;
        this.sampling = sampling;
        this.maxTokens = maxTokens;
        this.seed = seed;
        this.prompts = prompts;
    }

    /** Runs until {@code /quit} or the end of {@code in}; returns the number of assistant turns. */
    public int run(BufferedReader in, PrintStream out) throws IOException {
        Conversation conversation = new Conversation(generator.tokenizer());
        PromptCache cache = new PromptCache();
        int stop = generator.tokenizer().idOf(SpecialTokens.ASSISTANT_END);
        int turns = 0;
        while (true) {
            if (prompts) {
                out.print("you> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null || line.strip().equals("/quit")) {
                return turns;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().equals("/reset")) {
                conversation = new Conversation(generator.tokenizer());
                cache.clear();
                out.println("[conversation reset]");
                continue;
            }
            Conversation next = withUser(conversation, line);
            if (next.promptForAssistant().length >= generator.contextLength()) {
                next = withUser(new Conversation(generator.tokenizer()), line);
                if (next.promptForAssistant().length >= generator.contextLength()) {
                    out.println("[message too long: the model's context is " + generator.contextLength() + " tokens]");
                    continue;
                }
                out.println("[context full: earlier turns dropped]");
            }
            conversation = next;
            out.print("assistant> ");
            ChatRenderer renderer = new ChatRenderer(generator.tokenizer(), out);
            Completion reply = generator.generate(new GenerationRequest(conversation.promptForAssistant(), 1, maxTokens,
                    sampling, seed + turns, stop), renderer, cache).get(0);
            renderer.finish();
            conversation.addAssistant(reply.tokens());
            turns++;
        }
    }

    private static Conversation withUser(Conversation base, String line) {
        Conversation c = base.copy();
        c.addUser(line);
        return c;
    }
}
