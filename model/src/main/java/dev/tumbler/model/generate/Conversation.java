package dev.tumbler.model.generate;

import dev.tumbler.model.chat.ChatBuilder;
import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.model.chat.RenderedChat;
import dev.tumbler.model.tokenizer.Tokenizer;

/**
 * A chat as the engine sees it, rendered by the one {@link ChatTemplate} that training uses too: {@code <|bos|>},
 * then per turn {@code <|user_start|>text<|user_end|>} and {@code <|assistant_start|>reply<|assistant_end|>}. User
 * text is encoded with no special tokens allowed, so typed text cannot inject control tokens. Assistant replies are
 * kept as generated ids (tool calls and outputs included). Turns alternate, starting with the user.
 */
public final class Conversation {
    private final ChatBuilder chat;

    /** An empty conversation: just {@code <|bos|>}. */
    public Conversation(Tokenizer tokenizer) {
        this(new ChatTemplate(tokenizer));
    }

    /** An empty conversation in {@code template}. */
    public Conversation(ChatTemplate template) {
        this(template.start());
    }

    private Conversation(ChatBuilder chat) {
        this.chat = chat;
    }

    /** {@code <|bos|><|user_start|>text<|user_end|><|assistant_start|>}: a one-turn chat prompt. */
    public static int[] singleTurnPrompt(Tokenizer tokenizer, String userText) {
        Conversation c = new Conversation(tokenizer);
        c.addUser(userText);
        return c.promptForAssistant();
    }

    /** An independent copy of this conversation. */
    public Conversation copy() {
        return new Conversation(chat.copy());
    }

    /** Appends a user turn. */
    public void addUser(String text) {
        chat.addUser(text);
    }

    /** The conversation so far followed by {@code <|assistant_start|>}: what the model continues. */
    public int[] promptForAssistant() {
        return chat.promptForAssistant();
    }

    /** Appends the assistant's reply, closing it with {@code <|assistant_end|>} if it stopped without one. */
    public void addAssistant(int[] generated) {
        chat.addGenerated(generated);
    }

    /** The conversation so far with the template's loss weights (the replies' tool outputs weigh 0). */
    public RenderedChat rendered() {
        return chat.build();
    }
}
