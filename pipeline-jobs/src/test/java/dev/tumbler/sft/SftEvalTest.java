package dev.tumbler.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.generate.RandomModelArtifacts;
import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.chat.ChatPart;
import dev.tumbler.model.generate.Completion;
import dev.tumbler.model.generate.StopReason;
import dev.tumbler.model.generate.TransformerWeights;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.transformer.PositionEncoding;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SFT evaluation's counts and rates: hand-made completions, and a run of a random tiny model. */
class SftEvalTest {
    @Test
    void stopRateCountsRepliesThatEndedTheirTurn() {
        assertTrue(SftEval.stopped(new Completion(new int[] {1, 2}, "a", StopReason.STOP_TOKEN, 0)));
        assertFalse(SftEval.stopped(new Completion(new int[] {1, 2}, "ab", StopReason.MAX_TOKENS, 0)));
        assertFalse(SftEval.stopped(new Completion(new int[] {1, 2}, "ab", StopReason.CONTEXT_FULL, 0)));

        SftEval.TaskScore s = new SftEval.TaskScore(4, 1, 3, 2, 2, 0);
        assertEquals(0.25, s.accuracy());
        assertEquals(0.75, s.stopRate());
        assertEquals(1.0, s.accuracyWithoutTools());
        assertEquals(0.0, s.stopRateWithoutTools());
        Map<String, Object> m = s.toMap();
        assertEquals(0.25, m.get("exact_match"));
        assertEquals(1.0, m.get("exact_match_no_tools"));

        SftEval.TaskScore noTool = new SftEval.TaskScore(2, 0, 1, 0, 0, 0);
        assertNull(noTool.accuracyWithoutTools());
        assertFalse(noTool.toMap().containsKey("exact_match_no_tools"));
        assertEquals(0.0, SftEval.TaskScore.NONE.accuracy());
    }

    @Test
    void aRandomModelIsScoredPerTaskWithAndWithoutTools() {
        Tokenizer tokenizer = RandomModelArtifacts.tokenizer();
        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), 64, 16, 1, 2, 4, 0.0, false,
                PositionEncoding.LEARNED);
        TransformerWeights weights = TransformerWeights.from(TransformerGraph.build(config, 5L), config);
        ChatConversation sum = ChatConversation.of(ChatMessage.user("2+3?"), ChatMessage.assistant(
                ChatPart.python("2+3"), ChatPart.pythonOutput("5"), ChatPart.text("5")));
        ChatConversation word = ChatConversation.of(ChatMessage.user("dog?"), ChatMessage.assistant("a canine"));
        ChatConversation tooLong = ChatConversation.of(ChatMessage.user("x".repeat(80)), ChatMessage.assistant("y"));
        List<SftEval.Prompt> prompts = List.of(new SftEval.Prompt("arithmetic", sum),
                new SftEval.Prompt("wordnet", word), new SftEval.Prompt("wordnet", word),
                new SftEval.Prompt("wordnet", tooLong));

        SftEval.Report r = new SftEval(weights, tokenizer, 8).run(prompts);
        assertEquals(1, r.skippedTooLong());
        assertEquals(8, r.maxTokens());
        assertEquals(3, r.overall().prompts());
        assertEquals(1, r.overall().toolPrompts());
        assertEquals(1, r.byTask().get("arithmetic").prompts());
        assertEquals(1, r.byTask().get("arithmetic").toolPrompts());
        assertEquals(2, r.byTask().get("wordnet").prompts());
        assertEquals(0, r.byTask().get("wordnet").toolPrompts());
        for (SftEval.TaskScore s : List.of(r.overall(), r.byTask().get("arithmetic"), r.byTask().get("wordnet"))) {
            assertTrue(s.accuracy() >= 0 && s.accuracy() <= 1 && s.stopRate() >= 0 && s.stopRate() <= 1, s.toString());
        }
        // Greedy: the two identical wordnet prompts get the same reply, so their counts are even.
        assertEquals(0, r.byTask().get("wordnet").exact() % 2);
        assertEquals(0, r.byTask().get("wordnet").stopped() % 2);
        Map<String, Object> m = r.toMap();
        assertTrue(((Map<?, ?>) m.get("by_task")).containsKey("arithmetic"), m.toString());
        assertThrows(IllegalArgumentException.class, () -> new SftEval(weights, tokenizer, 0));
    }
}
