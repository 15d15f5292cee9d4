package dev.tumbler.model.chat;

import dev.tumbler.model.tokenizer.BpeTrainer;
import dev.tumbler.model.tokenizer.IntList;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A small BPE tokenizer trained in-process on chat-like text, with Tumbler's special tokens; and test helpers. */
final class ChatTestTokenizer {
    private static final String CORPUS = String.join("\n",
            "What is the capital of France? The capital of France is Paris.",
            "Let me compute that. It is 42. So the answer is 42.",
            "Be brief. Answer in one word. Thanks! You are welcome.",
            "print(6*7) print(sum(range(10))) the the the answer answer",
            "hello there, how are you? I am fine, thank you. Hello again.");

    static final Tokenizer TOKENIZER = train();
    static final ChatTemplate TEMPLATE = new ChatTemplate(TOKENIZER);

    private ChatTestTokenizer() {
    }

    private static Tokenizer train() {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            for (String chunk : SplitPattern.CL100K.split(CORPUS)) {
                counts.merge(chunk, 1L, Long::sum);
            }
        }
        BpeTrainer.Result merges = BpeTrainer.train(counts, BpeTrainer.Options.of(150));
        return Tokenizer.fromMerges(merges.merges(), SplitPattern.CL100K, SpecialTokens.ALL);
    }

    /** Text in which special-token strings become their ids: what a Jinja-rendered template text encodes to. */
    static int[] withSpecials(String text) {
        return TOKENIZER.encode(text, Set.copyOf(SpecialTokens.ALL));
    }

    /**
     * The rendered tokens as runs of equal weight, e.g. {@code 0[<|bos|>...]1[Paris.<|assistant_end|>]}; special
     * ids show as their token, ordinary ids as their text, and special-token text in content as {@code «text»} so
     * the two cannot be confused.
     */
    static String describe(RenderedChat chat) {
        StringBuilder sb = new StringBuilder();
        IntList text = new IntList(16);
        float run = -1f;
        for (int i = 0; i < chat.length(); i++) {
            int id = chat.ids()[i];
            float w = chat.weights()[i];
            boolean special = TOKENIZER.specialTokens().containsValue(id);
            if (special || w != run) {
                flushText(text, sb);
            }
            if (w != run) {
                sb.append(run < 0 ? "" : "]").append((int) w).append('[');
                run = w;
            }
            if (special) {
                sb.append(TOKENIZER.decode(new int[] {id}));
            } else {
                text.add(id);
            }
        }
        flushText(text, sb);
        return sb.append(chat.length() == 0 ? "" : "]").toString();
    }

    private static void flushText(IntList text, StringBuilder sb) {
        sb.append(TOKENIZER.decode(text.toArray()).replace("<|", "\u00ab").replace("|>", "\u00bb"));
        text.clear();
    }
}
