package dev.tumbler.model.chat;

import dev.tumbler.model.tokenizer.IntList;
import java.util.Arrays;
import java.util.List;

/**
 * A conversation being rendered by its {@link ChatTemplate}, message by message: token ids with their loss weights.
 * Starts as {@code <|bos|>}; user and assistant messages must alternate, starting with the user. Training renders
 * whole conversations ({@link ChatTemplate#render}); chat inference appends the user's text and the generated ids.
 * Not thread-safe.
 */
public final class ChatBuilder {
    private final ChatTemplate template;
    private final IntList ids;
    private final IntList weights;
    private final IntList turnEnds;

    ChatBuilder(ChatTemplate template) {
        this.template = template;
        this.ids = new IntList(64);
        this.weights = new IntList(64);
        this.turnEnds = new IntList(8);
        add(template.bos, 0);
    }

    private ChatBuilder(ChatBuilder other) {
        this.template = other.template;
        this.ids = copyOf(other.ids);
        this.weights = copyOf(other.weights);
        this.turnEnds = copyOf(other.turnEnds);
    }

    private static IntList copyOf(IntList list) {
        IntList copy = new IntList(Math.max(8, list.size()));
        copy.addAll(list.toArray());
        return copy;
    }

    /** An independent copy. */
    public ChatBuilder copy() {
        return new ChatBuilder(this);
    }

    /** Appends a message: {@link #addUser} for a user one, {@link #addAssistant} for an assistant one. */
    public ChatBuilder add(ChatMessage message) {
        switch (message.role()) {
            case USER -> addUser(message.text());
            case ASSISTANT -> addAssistant(message.parts());
            default -> throw new IllegalArgumentException("a system message must be merged first"
                    + " (ChatConversation.of)");
        }
        return this;
    }

    /** Appends {@code <|user_start|>text<|user_end|>}, all weight 0; special-token text in it stays plain text. */
    public ChatBuilder addUser(String text) {
        expectUserNext(true);
        add(template.userStart, 0);
        addText(text, 0);
        add(template.userEnd, 0);
        turnEnds.add(ids.size());
        return this;
    }

    /**
     * Appends {@code <|assistant_start|>} (weight 0), the parts, and {@code <|assistant_end|>} (weight 1). Text
     * (adjacent text parts joined first) and {@code <|python_start|>code<|python_end|>} have weight 1;
     * {@code <|output_start|>output<|output_end|>} has weight 0, as the engine writes it.
     */
    public ChatBuilder addAssistant(List<ChatPart> parts) {
        expectUserNext(false);
        add(template.assistantStart, 0);
        StringBuilder text = new StringBuilder();
        for (ChatPart p : parts) {
            if (p.kind() == ChatPart.Kind.TEXT) {
                text.append(p.text());
                continue;
            }
            addText(text.toString(), 1);
            text.setLength(0);
            if (p.kind() == ChatPart.Kind.PYTHON) {
                add(template.pythonStart, 1);
                addText(p.text(), 1);
                add(template.pythonEnd, 1);
            } else {
                addIds(template.toolOutputIds(p.text()), 0);
            }
        }
        addText(text.toString(), 1);
        add(template.assistantEnd, 1);
        turnEnds.add(ids.size());
        return this;
    }

    /**
     * Appends an assistant message from the ids the engine produced: {@code <|assistant_start|>} (weight 0), the
     * ids (weight 1, except {@code <|output_start|>}...{@code <|output_end|>} spans, which the engine forced: 0),
     * and {@code <|assistant_end|>} (weight 1) unless the ids already end with it.
     */
    public ChatBuilder addGenerated(int[] generated) {
        expectUserNext(false);
        add(template.assistantStart, 0);
        boolean inOutput = false;
        for (int id : generated) {
            if (id == template.outputStart) {
                inOutput = true;
            }
            add(id, inOutput ? 0 : 1);
            if (id == template.outputEnd) {
                inOutput = false;
            }
        }
        if (generated.length == 0 || generated[generated.length - 1] != template.assistantEnd) {
            add(template.assistantEnd, 1);
        }
        turnEnds.add(ids.size());
        return this;
    }

    /** The conversation so far followed by {@code <|assistant_start|>}: what the model continues. */
    public int[] promptForAssistant() {
        expectUserNext(false);
        int[] prompt = Arrays.copyOf(ids.toArray(), ids.size() + 1);
        prompt[prompt.length - 1] = template.assistantStart;
        return prompt;
    }

    /** The number of tokens so far. */
    public int size() {
        return ids.size();
    }

    /** The ids and weights so far. */
    public RenderedChat build() {
        int[] w = weights.toArray();
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = w[i];
        }
        return new RenderedChat(ids.toArray(), f, turnEnds.toArray());
    }

    private void expectUserNext(boolean user) {
        boolean userNext = turnEnds.size() % 2 == 0;
        if (user != userNext) {
            throw new IllegalStateException("messages must alternate user, assistant, ...: the next one is the "
                    + (userNext ? "user's" : "assistant's"));
        }
    }

    private void add(int id, int weight) {
        ids.add(id);
        weights.add(weight);
    }

    private void addIds(int[] values, int weight) {
        for (int id : values) {
            add(id, weight);
        }
    }

    private void addText(String text, int weight) {
        if (!text.isEmpty()) {
            addIds(template.tokenizer().encode(text), weight);
        }
    }
}
