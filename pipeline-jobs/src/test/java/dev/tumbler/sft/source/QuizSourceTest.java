package dev.tumbler.sft.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.chat.ChatConversation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quiz notation, and questions from an index and data files written in bsdgames' format. */
class QuizSourceTest {
    @TempDir
    Path dir;

    @Test
    void theAnswerIsTheFirstAlternativeWithOptionalPartsKept() {
        assertEquals("George Washington", QuizPattern.firstAlternative("{G{eorge} }Washington"));
        assertEquals("John Adams", QuizPattern.firstAlternative("{J{ohn} }Adams|Adams"));
        assertEquals("Middle-Earth", QuizPattern.firstAlternative("M[iddle{-}Earth|E]"));
        assertEquals("James T. Kirk", QuizPattern.firstAlternative("{James |Jim }{T. }Kirk|{james |jim }{t. }kirk"));
        assertEquals("William I", QuizPattern.firstAlternative("W[illia|]m [I|1|the Conqueror]"));
        assertEquals("7 (integers)", QuizPattern.firstAlternative("7{(integers)}"));
        assertEquals("a:b|c", QuizPattern.firstAlternative("a\\:b\\|c|d"));
        assertEquals("Torshavn", QuizPattern.firstAlternative("T['\bo|o\b'|o]rshavn$"));
        assertEquals(List.of("Africa{n}", "cap{ital}"), QuizPattern.categories("Africa{n}:cap{ital}"));
        assertEquals(List.of("a{x:y}", "b\\:c", "d"), QuizPattern.categories("a{x:y}:b\\:c:d"));
        assertTrue(QuizPattern.continues("abc:\\"));
        assertFalse(QuizPattern.continues("abc\\\\"));
    }

    @Test
    void asksFromTheFirstCategoryForEachOtherOneAndSkipsExcludedQuizzes() throws Exception {
        Files.writeString(dir.resolve("index"), "/usr/share/games/bsdgames/quiz/africa:Africa{n}:cap{ital}\n"
                + "/usr/share/games/bsdgames/quiz/pres:pres{ident}:term:succ{essor}\n"
                + "/usr/share/games/bsdgames/quiz/mult:mult{iplication}:ans{wer}\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("africa"), "Algeria:Algiers\nBenin:Porto-Novo|Cotonou\n");
        Files.writeString(dir.resolve("pres"), "{G{eorge} }Washington:1789-{17}97:\\\n{J{ohn} }Adams\n");
        Files.writeString(dir.resolve("mult"), "1 x 2:2\n");
        QuizSource source = new QuizSource(new QuizSource.Config(100, 1, dir.toString(), List.of("mult")));
        assertTrue(source.unavailable().isEmpty());
        List<ChatConversation> all = source.conversations(100, new SplittableRandom(1));
        Set<String> pairs = all.stream().map(c -> c.messages().get(0).text() + " -> " + c.messages().get(1).text())
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "African \"Algeria\": what is the capital? -> The capital is Algiers.",
                "African \"Benin\": what is the capital? -> The capital is Porto-Novo.",
                "President \"George Washington\": what is the term? -> The term is 1789-1797.",
                "President \"George Washington\": what is the successor? -> The successor is John Adams."), pairs);
        assertEquals(2, source.conversations(2, new SplittableRandom(1)).size());
        assertEquals(source.conversations(3, new SplittableRandom(9)),
                source.conversations(3, new SplittableRandom(9)));
    }

    @Test
    void aMissingIndexNamesThePackage() {
        QuizSource source = new QuizSource(new QuizSource.Config(10, 1, dir.resolve("none").toString(), List.of()));
        assertTrue(source.unavailable().orElseThrow().contains("bsdgames"), source.unavailable().toString());
    }
}
