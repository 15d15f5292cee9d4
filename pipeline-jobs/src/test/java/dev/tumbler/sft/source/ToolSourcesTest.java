package dev.tumbler.sft.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatJsonl;
import dev.tumbler.model.chat.ChatPart;
import dev.tumbler.model.tools.Calculator;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The synthetic tasks: every tool output is the calculator's, and the answers follow from them. */
class ToolSourcesTest {
    private static final Pattern PROBLEM = Pattern.compile("(\\d+) ([-+*/]) (\\d+)");

    /** Each python part is followed by the calculator's output for it. */
    private static void assertToolCallsAreExact(ChatConversation c) {
        List<ChatPart> parts = c.messages().get(1).parts();
        int calls = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).kind() == ChatPart.Kind.PYTHON) {
                calls++;
                assertEquals(ChatPart.Kind.PYTHON_OUTPUT, parts.get(i + 1).kind());
                assertEquals(new Calculator().run(parts.get(i).text()), parts.get(i + 1).text());
            }
        }
        assertTrue(calls > 0);
        assertEquals(ChatPart.Kind.TEXT, parts.get(parts.size() - 1).kind());
        assertTrue(ChatJsonl.parse(ChatJsonl.format(c)).isOk());
    }

    @Test
    void arithmeticCallsTheCalculatorAndStatesItsExactResult() {
        List<ChatConversation> all = new ArithmeticSource(ArithmeticSource.Config.defaults())
                .conversations(300, new SplittableRandom(7));
        assertEquals(300, all.size());
        for (ChatConversation c : all) {
            assertToolCallsAreExact(c);
            Matcher m = PROBLEM.matcher(c.messages().get(0).text());
            assertTrue(m.find(), c.messages().get(0).text());
            BigInteger a = new BigInteger(m.group(1));
            BigInteger b = new BigInteger(m.group(3));
            BigInteger expected = switch (m.group(2)) {
                case "+" -> a.add(b);
                case "-" -> a.subtract(b);
                case "*" -> a.multiply(b);
                default -> {
                    assertEquals(BigInteger.ZERO, a.mod(b), "divisions come out even");
                    yield a.divide(b);
                }
            };
            List<ChatPart> parts = c.messages().get(1).parts();
            assertEquals(a + m.group(2) + b, parts.get(0).text());
            assertEquals(expected.toString(), parts.get(1).text());
            assertEquals(m.group() + " = " + expected + ".", parts.get(2).text());
        }
        assertEquals(all, new ArithmeticSource(ArithmeticSource.Config.defaults())
                .conversations(300, new SplittableRandom(7)));
        assertNotEquals(all, new ArithmeticSource(ArithmeticSource.Config.defaults())
                .conversations(300, new SplittableRandom(8)));
        assertThrows(IllegalArgumentException.class, () -> new ArithmeticSource(
                new ArithmeticSource.Config(1, 1, 3, 2, List.of("+"))));
    }

    @Test
    void letterCountsUseStringCountAndMatchACountByHand() {
        for (ChatConversation c : new LetterCountSource(LetterCountSource.Config.defaults())
                .conversations(200, new SplittableRandom(3))) {
            assertToolCallsAreExact(c);
            Matcher m = Pattern.compile("^\"([a-z]+)\"\\.count\\(\"([a-z])\"\\)$")
                    .matcher(c.messages().get(1).parts().get(0).text());
            assertTrue(m.matches(), c.messages().get(1).parts().get(0).text());
            long n = m.group(1).chars().filter(ch -> ch == m.group(2).charAt(0)).count();
            assertEquals(String.valueOf(n), c.messages().get(1).parts().get(1).text());
            assertEquals(LetterCountSource.answer(m.group(1), m.group(2), String.valueOf(n)),
                    c.messages().get(1).parts().get(2).text());
        }
        assertEquals("The letter \"r\" appears 3 times in \"strawberry\".",
                LetterCountSource.answer("strawberry", "r", "3"));
        assertEquals("The letter \"z\" does not appear in \"apple\".", LetterCountSource.answer("apple", "z", "0"));
    }

    @Test
    void wordProblemsShowEachStepWithTheToolBeforeTheAnswerLine() {
        for (ChatConversation c : new WordProblemSource(WordProblemSource.Config.defaults())
                .conversations(100, new SplittableRandom(11))) {
            assertToolCallsAreExact(c);
            List<ChatPart> parts = c.messages().get(1).parts();
            long calls = parts.stream().filter(p -> p.kind() == ChatPart.Kind.PYTHON).count();
            assertTrue(calls >= 2, "multi-step: " + parts);
            String last = parts.get(parts.size() - 2).text();
            String text = parts.get(parts.size() - 1).text();
            assertTrue(text.endsWith("\nAnswer: " + last), text);
            for (int i = 2; i < parts.size(); i++) {
                if (parts.get(i).kind() == ChatPart.Kind.PYTHON && i > 3) {
                    String previous = parts.get(i - 2).text();
                    assertTrue(parts.get(i).text().contains(previous) || parts.get(i).text().matches("\\d+\\*\\d+"),
                            "a later step uses an earlier output: " + parts);
                }
            }
        }
    }

    @Test
    void identityAnswersAsItself() {
        List<ChatConversation> all = new IdentitySource(IdentitySource.Config.defaults())
                .conversations(100, new SplittableRandom(1));
        assertEquals(IdentitySource.QUESTIONS.size(), all.size());
        ChatConversation who = all.stream().filter(c -> c.messages().get(0).text().equals("Who are you?"))
                .findFirst().orElseThrow();
        assertTrue(who.messages().get(1).text().startsWith("I am Tumbler"), who.toString());
        assertTrue(new IdentitySource(new IdentitySource.Config(1, 1, "Ada")).answers().get(2).contains("Ada"));
    }
}
