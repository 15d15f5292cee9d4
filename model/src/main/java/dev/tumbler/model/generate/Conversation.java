package dev.tumbler.model.generate;

import dev.tumbler.model.tokenizer.IntList;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;

/**
 * The chat template as token ids: {@code <|bos|>}, then per turn {@code <|user_start|>text<|user_end|>} and
 * {@code <|assistant_start|>reply<|assistant_end|>}. User text is encoded with no special tokens allowed, so typed
 * text cannot inject control tokens. Assistant replies are kept as generated ids (tool calls and outputs included).
 */
public final class Conversation {
    private final Tokenizer tokenizer;
    private final IntList ids = new IntList(16);

    /** An empty conversation: just {@code <|bos|>}. */
    public Conversation(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        ids.add(tokenizer.idOf(SpecialTokens.BOS));
    }

    /** {@code <|bos|><|user_start|>text<|user_end|><|assistant_start|>}: a one-turn chat prompt. */
    public static int[] singleTurnPrompt(Tokenizer tokenizer, String userText) {
        Conversation c = new Conversation(tokenizer);
        c.addUser(userText);
        return c.promptForAssistant();
    }

    /** An independent copy of this conversation. */
    public Conversation copy() {
        Conversation c = new Conversation(tokenizer);
        c.ids.clear();
        c.ids.addAll(ids.toArray());
        return c;
    }

    /** Appends a user turn. */
    public void addUser(String text) {
        ids.add(tokenizer.idOf(SpecialTokens.USER_START));
        ids.addAll(tokenizer.encode(text));
        ids.add(tokenizer.idOf(SpecialTokens.USER_END));
    }

    /** The conversation so far followed by {@code <|assistant_start|>}: what the model continues. */
    public int[] promptForAssistant() {
        int[] prompt = java.util.Arrays.copyOf(ids.toArray(), ids.size() + 1);
        prompt[prompt.length - 1] = tokenizer.idOf(SpecialTokens.ASSISTANT_START);
        return prompt;
    }

    /** Appends the assistant's reply, closing it with {@code <|assistant_end|>} if it stopped without one. */
    public void addAssistant(int[] generated) {
        int end = tokenizer.idOf(SpecialTokens.ASSISTANT_END);
        ids.add(tokenizer.idOf(SpecialTokens.ASSISTANT_START));
        ids.addAll(generated);
        if (generated.length == 0 || generated[generated.length - 1] != end) {
            ids.add(end);
        }
    }
}
