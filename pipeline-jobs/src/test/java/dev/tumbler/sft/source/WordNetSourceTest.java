package dev.tumbler.sft.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "What does X mean?" from data files written in WordNet 3.0's format, license header included. */
class WordNetSourceTest {
    @TempDir
    Path dir;

    private static final String HEADER = "  1 This software and database is being provided to you, the LICENSEE, by  \n"
            + "  2 Princeton University under the following license.  \n";

    @Test
    void answersWithTheSensesOfEachWord() throws Exception {
        Files.writeString(dir.resolve("data.noun"), HEADER
                + "00217593 04 n 01 kill 1 002 @ 00217014 n 0000 + 00355365 v 0101 | the destruction of an enemy "
                + "plane or ship or tank or missile; \"the pilot reported two kills during the mission\"  \n"
                + "00217773 04 n 02 laying_waste 0 ruin 0 001 @ 00217014 n 0000 | destruction achieved by causing "
                + "something to be wrecked or ruined  \n");
        Files.writeString(dir.resolve("data.verb"), HEADER
                + "01323958 35 v 01 kill 0 001 @ 01323338 v 0000 01 + 08 00 | cause to die; put to death, usually "
                + "intentionally or knowingly; \"This man killed several people\"  \n");
        Files.writeString(dir.resolve("data.adj"), HEADER
                + "00095873 00 s 02 asleep(p) 0 deceased 0 003 & 00095280 a 0000 | dead; \"he is deceased\"  \n");
        Files.writeString(dir.resolve("data.adv"), HEADER);
        WordNetSource source = new WordNetSource(new WordNetSource.Config(10, 1, dir.toString(), 3));
        assertTrue(source.unavailable().isEmpty());
        Map<String, String> answers = source.conversations(10, new SplittableRandom(3)).stream().collect(
                Collectors.toMap(c -> c.messages().get(0).text(), c -> c.messages().get(1).text()));
        assertEquals(Map.of(
                "What does \"kill\" mean?", "\"kill\" has 2 meanings:\n"
                        + "1. (noun) the destruction of an enemy plane or ship or tank or missile. For example: "
                        + "\"the pilot reported two kills during the mission\".\n"
                        + "2. (verb) cause to die; put to death, usually intentionally or knowingly. For example: "
                        + "\"This man killed several people\".",
                "What does \"laying waste\" mean?", "As a noun, \"laying waste\" means destruction achieved by "
                        + "causing something to be wrecked or ruined.",
                "What does \"ruin\" mean?", "As a noun, \"ruin\" means destruction achieved by causing something to be"
                        + " wrecked or ruined.",
                "What does \"asleep\" mean?", "As an adjective, \"asleep\" means dead. For example: "
                        + "\"he is deceased\".",
                "What does \"deceased\" mean?", "As an adjective, \"deceased\" means dead. For example: "
                        + "\"he is deceased\"."), answers);
    }

    @Test
    void listsAtMostMaxSensesAndSaysHowManyThereAre() {
        WordNetSource source = new WordNetSource(new WordNetSource.Config(1, 1, dir.toString(), 1));
        String answer = source.answer("run", List.of(new WordNetSource.Sense("verb", "move fast", null),
                new WordNetSource.Sense("noun", "a score in baseball", "he scored a run")));
        assertEquals("\"run\" has 2 meanings, among them:\n1. (verb) move fast.", answer);
        assertTrue(source.unavailable().orElseThrow().contains("wordnet-base"));
    }
}
