package dev.tumbler.model.chat;

import dev.tumbler.model.tokenizer.IntList;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tumbler's one chat template, for training and inference alike:
 * {@code <|bos|>}, then per exchange {@code <|user_start|>user text<|user_end|>} and
 * {@code <|assistant_start|>reply<|assistant_end|>}, where a reply is text, tool calls
 * {@code <|python_start|>code<|python_end|>} and the tool's output {@code <|output_start|>output<|output_end|>}.
 * The loss covers what the model writes: the assistant's text, its tool calls with both delimiters, and
 * {@code <|assistant_end|>} (so it learns to stop); it does not cover {@code <|bos|>}, user messages with their
 * delimiters, {@code <|assistant_start|>} or tool output (the engine inserts it). All text, the assistant's too, is
 * encoded with no special tokens allowed: special-token text in content stays ordinary text. The HF
 * {@code chat_template} ({@link #jinjaSource}) renders the same tokens for content without special-token text.
 * Immutable and thread-safe.
 */
public final class ChatTemplate {
    /** The Jinja {@code chat_template} resource, beside this class. */
    public static final String JINJA_RESOURCE = "chat_template.jinja";

    private final Tokenizer tokenizer;
    final int bos;
    final int userStart;
    final int userEnd;
    final int assistantStart;
    final int assistantEnd;
    final int pythonStart;
    final int pythonEnd;
    final int outputStart;
    final int outputEnd;

    /** The template over {@code tokenizer}, which must have every {@link SpecialTokens#ALL special token}. */
    public ChatTemplate(Tokenizer tokenizer) {
        List<String> missing = missingSpecials(tokenizer);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the tokenizer lacks the chat special tokens " + missing);
        }
        this.tokenizer = tokenizer;
        this.bos = tokenizer.idOf(SpecialTokens.BOS);
        this.userStart = tokenizer.idOf(SpecialTokens.USER_START);
        this.userEnd = tokenizer.idOf(SpecialTokens.USER_END);
        this.assistantStart = tokenizer.idOf(SpecialTokens.ASSISTANT_START);
        this.assistantEnd = tokenizer.idOf(SpecialTokens.ASSISTANT_END);
        this.pythonStart = tokenizer.idOf(SpecialTokens.PYTHON_START);
        this.pythonEnd = tokenizer.idOf(SpecialTokens.PYTHON_END);
        this.outputStart = tokenizer.idOf(SpecialTokens.OUTPUT_START);
        this.outputEnd = tokenizer.idOf(SpecialTokens.OUTPUT_END);
    }

    /** Whether {@code tokenizer} has every special token the template uses. */
    public static boolean supports(Tokenizer tokenizer) {
        return missingSpecials(tokenizer).isEmpty();
    }

    private static List<String> missingSpecials(Tokenizer tokenizer) {
        List<String> missing = new ArrayList<>();
        for (String s : SpecialTokens.ALL) {
            if (!tokenizer.specialTokens().containsKey(s)) {
                missing.add(s);
            }
        }
        return missing;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** An empty conversation, {@code <|bos|>}, to append messages to. */
    public ChatBuilder start() {
        return new ChatBuilder(this);
    }

    /** The whole conversation as ids and loss weights. */
    public RenderedChat render(ChatConversation conversation) {
        ChatBuilder b = start();
        for (ChatMessage m : conversation.messages()) {
            b.add(m);
        }
        return b.build();
    }

    /**
     * The inference prompt: the conversation, which must end with a user message, then
     * {@code <|assistant_start|>}.
     */
    public int[] promptForAssistant(ChatConversation conversation) {
        if (!conversation.endsWithUser()) {
            throw new IllegalArgumentException("a prompt for the assistant must end with a user message");
        }
        ChatBuilder b = start();
        for (ChatMessage m : conversation.messages()) {
            b.add(m);
        }
        return b.promptForAssistant();
    }

    /** {@code <|output_start|>output<|output_end|>}, the output as plain text: what the engine forces after a call. */
    public int[] toolOutputIds(String output) {
        IntList out = new IntList(output.length() / 3 + 2);
        out.add(outputStart);
        out.addAll(tokenizer.encode(output));
        out.add(outputEnd);
        return out.toArray();
    }

    /**
     * Fits a rendered conversation into rows of at most {@code maxTokens} tokens (for a training window of
     * {@code seq_len} input positions that is {@code seq_len + 1}: the inputs and the last target). One that fits is
     * kept; a longer one is cut just after the last assistant message that fits, keeping whole leading messages;
     * one whose first user and assistant messages do not fit, or with no supervised token, is dropped.
     */
    public ChatFit fit(RenderedChat chat, int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2, got " + maxTokens);
        }
        if (chat.supervisedTokens() == 0) {
            return new ChatFit(ChatFit.Outcome.DROPPED_NOTHING_SUPERVISED, null, 0);
        }
        if (chat.length() <= maxTokens) {
            return new ChatFit(ChatFit.Outcome.KEPT, chat, 0);
        }
        int[] ends = chat.turnEnds();
        for (int i = ends.length % 2 == 0 ? ends.length - 1 : ends.length - 2; i >= 1; i -= 2) {
            int end = ends[i];
            if (end > maxTokens) {
                continue;
            }
            RenderedChat cut = new RenderedChat(Arrays.copyOf(chat.ids(), end), Arrays.copyOf(chat.weights(), end),
                    Arrays.copyOf(ends, i + 1));
            if (cut.supervisedTokens() > 0) {
                return new ChatFit(ChatFit.Outcome.CUT, cut, ends.length - (i + 1));
            }
        }
        return new ChatFit(ChatFit.Outcome.DROPPED_TOO_LONG, null, 0);
    }

    /**
     * The HF {@code chat_template} (Jinja) of this template: {@code {% generation %}} blocks mark what carries loss,
     * as TRL's assistant-only loss reads them. It takes {@code messages} as in {@link ChatJsonl} and
     * {@code add_generation_prompt}.
     */
    public static String jinjaSource() {
        try (InputStream in = ChatTemplate.class.getResourceAsStream(JINJA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + JINJA_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
