package dev.tumbler.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A conversation's cache kept between turns changes nothing in what is generated, and skips what it holds. */
class PromptCacheTest {
    private static final Tokenizer TOKENIZER = Tokenizer.fromMerges(List.of(), SplitPattern.CL100K, SpecialTokens.ALL);
    private static final GenerationListener SILENT = GenerationListener.NONE;
    private static Generator engine;

    @BeforeAll
    static void model() {
        TransformerConfig c = new TransformerConfig(TOKENIZER.vocabSize(), 128, 16, 2, 2, 4, 0.0, false,
                PositionEncoding.ROTARY);
        engine = new Generator(TransformerWeights.from(ReferenceLogits.randomGraph(c, 4L, 0.3), c), TOKENIZER, null);
    }

    private static GenerationRequest turn(Conversation c, int samples, long seed) {
        return new GenerationRequest(c.promptForAssistant(), samples, 6, SamplingParams.greedy(), seed,
                TOKENIZER.idOf(SpecialTokens.ASSISTANT_END));
    }

    @Test
    void aChatWithTheCacheGeneratesWhatFreshPrefillsGenerateAndPrefillsOnlyTheNewTurn() {
        Conversation chat = new Conversation(TOKENIZER);
        PromptCache cache = new PromptCache();
        int previousHeld = 0;
        for (String user : List.of("hello there", "what is two and two", "thanks")) {
            chat.addUser(user);
            GenerationRequest request = turn(chat, 1, 1L);
            Completion fresh = engine.generate(request, SILENT).get(0);
            Completion cached = engine.generate(request, SILENT, cache).get(0);
            assertArrayEquals(fresh.tokens(), cached.tokens(), "turn '" + user + "'");
            assertEquals(previousHeld, cache.lastReused(), "held: the previous prompt and the reply as fed");
            previousHeld = request.prompt().length + cached.tokens().length - 1; // the last token is never fed
            chat.addAssistant(cached.tokens());
        }
    }

    @Test
    void aPromptThatPartsEarlyIsPrefilledFromWhereItParts() {
        PromptCache cache = new PromptCache();
        Conversation first = new Conversation(TOKENIZER);
        first.addUser("the first question");
        engine.generate(turn(first, 1, 1L), SILENT, cache);
        Conversation other = new Conversation(TOKENIZER);
        other.addUser("another question");
        GenerationRequest request = turn(other, 2, 5L);
        List<Completion> cached = engine.generate(request, SILENT, cache);
        List<Completion> fresh = engine.generate(request, SILENT);
        int shared = 0;
        while (first.promptForAssistant()[shared] == other.promptForAssistant()[shared]) {
            shared++;
        }
        assertEquals(shared, cache.lastReused());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(fresh.get(k).tokens(), cached.get(k).tokens(), "sample " + k);
        }
        cache.clear();
        engine.generate(request, SILENT, cache);
        assertEquals(0, cache.lastReused(), "a cleared cache holds nothing");
    }

    @Test
    void aTurnCutShortByItsListenerLeavesTheCacheUsable() {
        Conversation chat = new Conversation(TOKENIZER);
        chat.addUser("first");
        PromptCache cache = new PromptCache();
        List<Integer> sampleZero = new ArrayList<>();
        GenerationListener failing = new GenerationListener() {
            @Override
            public void onToken(int sample, int token, boolean forced) {
                if (sample == 0) {
                    sampleZero.add(token);
                } else if (sampleZero.size() == 2) {     // sample 0's second token is queued but never fed
                    throw new IllegalStateException("the client went away");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> engine.generate(turn(chat, 2, 1L), failing, cache));
        int[] first = chat.promptForAssistant();
        int[] next = Arrays.copyOf(first, first.length + 3);  // the same prompt, both tokens, one more
        next[first.length] = sampleZero.get(0);
        next[first.length + 1] = sampleZero.get(1);
        next[first.length + 2] = TOKENIZER.encode("x")[0];
        GenerationRequest request = new GenerationRequest(next, 1, 6, SamplingParams.greedy(), 1L,
                TOKENIZER.idOf(SpecialTokens.ASSISTANT_END));
        assertArrayEquals(engine.generate(request, SILENT).get(0).tokens(),
                engine.generate(request, SILENT, cache).get(0).tokens());
        assertEquals(first.length + 1, cache.lastReused(), "only what was fed: the prompt and the first token");
    }
}
