package dev.tumbler.sft.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Q:/A: riddles from a fortune file written in its format: entries between % lines. */
class RiddleSourceTest {
    @TempDir
    Path dir;

    static final String FORTUNES = "FORTUNE PROVIDES QUESTIONS FOR THE GREAT ANSWERS: #15\n"
            + "A:\tThe Royal Canadian Mounted Police.\n"
            + "Q:\tWhat was the greatest achievement in taxidermy?\n"
            + "%\n"
            + "Knock, knock!\n\tWho's there?\nSam and Janet.\n"
            + "%\n"
            + "Q:\t\"What is the burning question on the mind of every dyslexic\n"
            + "\texistentialist?\"\n"
            + "A:\t\"Is there a dog?\"\n"
            + "%\n"
            + "Q:\tHow do you catch a unique rabbit?\n"
            + "A:\tUnique up on it!\n"
            + "\n"
            + "Q:\tHow do you catch a tame rabbit?\n"
            + "A:\tThe tame way.\n"
            + "%\n";

    @Test
    void pairsEachQuestionWithItsAnswerInEitherOrder() throws Exception {
        assertEquals(List.of(
                new RiddleSource.Riddle("What was the greatest achievement in taxidermy?",
                        "The Royal Canadian Mounted Police."),
                new RiddleSource.Riddle("What is the burning question on the mind of every dyslexic existentialist?",
                        "Is there a dog?"),
                new RiddleSource.Riddle("How do you catch a unique rabbit?", "Unique up on it!"),
                new RiddleSource.Riddle("How do you catch a tame rabbit?", "The tame way.")),
                RiddleSource.riddles(FORTUNES));
        Path file = Files.writeString(dir.resolve("riddles"), FORTUNES);
        RiddleSource source = new RiddleSource(new RiddleSource.Config(3, 1, file.toString()));
        assertEquals(3, source.conversations(3, new SplittableRandom(5)).size());
        assertTrue(new RiddleSource(new RiddleSource.Config(3, 1, dir.resolve("x").toString())).unavailable()
                .orElseThrow().contains("fortunes-min"));
    }
}
