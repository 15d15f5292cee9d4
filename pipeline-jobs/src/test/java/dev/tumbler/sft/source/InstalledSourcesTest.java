package dev.tumbler.sft.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatJsonl;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sources on the real installed packages (apt wordnet-base, bsdgames, fortunes-min), when they are there. */
@Tag("slow")
class InstalledSourcesTest {
    private static List<ChatConversation> all(SftSource source) throws Exception {
        assumeTrue(source.unavailable().isEmpty(), () -> source.name() + ": " + source.unavailable().get());
        List<ChatConversation> all = source.conversations(Integer.MAX_VALUE, new SplittableRandom(42));
        System.out.printf("%s: %d conversations on the installed files%n", source.name(), all.size());
        for (ChatConversation c : all) {
            assertTrue(ChatJsonl.parse(ChatJsonl.format(c)).isOk(), c.toString());
        }
        return all;
    }

    @Test
    void wordNetGivesAQuestionPerWord() throws Exception {
        List<ChatConversation> all = all(new WordNetSource(WordNetSource.Config.defaults()));
        assertTrue(all.size() > 100_000, "WordNet 3.0 has about 147k lemmas: " + all.size());
        assertEquals(all.size(), all.stream().map(c -> c.messages().get(0).text()).distinct().count());
    }

    @Test
    void quizzesGiveCapitalsAndPresidents() throws Exception {
        List<ChatConversation> all = all(new QuizSource(QuizSource.Config.defaults()));
        assertTrue(all.size() > 1000, "" + all.size());
        List<String> texts = all.stream().map(c -> c.messages().get(0).text() + " " + c.messages().get(1).text())
                .toList();
        assertTrue(texts.contains("African \"Algeria\": what is the capital? The capital is Algiers."));
        assertTrue(texts.contains("President \"George Washington\": what is the successor? The successor is "
                + "John Adams."));
        assertTrue(texts.stream().noneMatch(t -> t.contains("{") || t.contains("|") || t.contains("\b")),
                "no quiz notation is left");
    }

    @Test
    void riddlesGiveTheirQuestionAndAnswerPairs() throws Exception {
        List<ChatConversation> all = all(new RiddleSource(RiddleSource.Config.defaults()));
        assertTrue(all.size() > 100, "" + all.size());
    }
}
