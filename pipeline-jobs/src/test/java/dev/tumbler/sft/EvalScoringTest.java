package dev.tumbler.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.chat.ChatPart;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Answer extraction, normalisation and numeric matching of the SFT evaluation, on hand-made replies. */
class EvalScoringTest {
    private static final ChatConversation ARITHMETIC = ChatConversation.of(ChatMessage.user("What is 12 * 34?"),
            ChatMessage.assistant(ChatPart.python("12*34"), ChatPart.pythonOutput("408"),
                    ChatPart.text("12 * 34 = 408.")),
            ChatMessage.user("And 1+1?"), ChatMessage.assistant("2"));

    @Test
    void theExpectedAnswerIsTheLastTextPartOfTheFirstReply() {
        assertEquals("12 * 34 = 408.", EvalScoring.expectedAnswer(ARITHMETIC));
        assertEquals(1, EvalScoring.promptOf(ARITHMETIC).messages().size());
        assertEquals("What is 12 * 34?", EvalScoring.promptOf(ARITHMETIC).messages().get(0).text());
        assertThrows(IllegalArgumentException.class,
                () -> EvalScoring.expectedAnswer(ChatConversation.of(ChatMessage.user("hi"))));
        assertThrows(IllegalArgumentException.class, () -> EvalScoring.expectedAnswer(ChatConversation.of(
                ChatMessage.user("hi"), ChatMessage.assistant(ChatPart.python("1+1")))));
    }

    @Test
    void theReplyAnswerFollowsTheLastToolOutput() {
        assertEquals(" 12 * 34 = 408.", EvalScoring.replyAnswer(
                "<|python_start|>12*34<|python_end|><|output_start|>408<|output_end|> 12 * 34 = 408."));
        assertEquals("  so 7", EvalScoring.replyAnswer("<|python_start|>1+1<|python_end|><|output_start|>2"
                + "<|output_end|>then<|python_start|>3+4<|python_end|><|output_start|>7<|output_end|>  so 7"));
        // No tool output: the whole reply, with calls (even unclosed ones) and special tokens removed.
        assertEquals("the answer is", EvalScoring.normalize(EvalScoring.replyAnswer(
                "The answer is <|python_start|>6*7<|python_end|> <|bos|>")));
        assertEquals("paris", EvalScoring.normalize(EvalScoring.replyAnswer("Paris <|python_start|>never closed 99")));
        assertEquals("plain", EvalScoring.replyAnswer("plain"));
    }

    @Test
    void normalisationTrimsLowersAndCollapsesWhitespace() {
        assertEquals("a big dog", EvalScoring.normalize("  A\tBig \n\n DOG "));
        assertTrue(EvalScoring.matches("wordnet", "A big dog", " a  BIG\ndog"));
        assertFalse(EvalScoring.matches("wordnet", "A big dog", "a big dog."));
    }

    @Test
    void numericTasksCompareTheLastNumber() {
        assertEquals(new BigDecimal("408"), EvalScoring.lastNumber("12 * 34 = 408."));
        assertEquals(new BigDecimal("1234567"), EvalScoring.lastNumber("about 1,234,567 of them"));
        assertEquals(new BigDecimal("-3"), EvalScoring.lastNumber("it is -3"));
        assertEquals(new BigDecimal("3"), EvalScoring.lastNumber("5-3 gives 8-3"));
        assertEquals(new BigDecimal("2.5"), EvalScoring.lastNumber("2.5."));
        assertNull(EvalScoring.lastNumber("no digits here"));

        assertTrue(EvalScoring.matches("arithmetic", "12 * 34 = 408.", "It is 408"));
        assertTrue(EvalScoring.matches("word_problems", "She has 3 + 4 apples.\nAnswer: 7", "7.0"));
        assertTrue(EvalScoring.matches("letter_count", "There are 3 r's in strawberry.", "3"));
        assertFalse(EvalScoring.matches("arithmetic", "12 * 34 = 408.", "408 or 409"));
        assertFalse(EvalScoring.matches("arithmetic", "12 * 34 = 408.", "no idea"));
        // A non-numeric task with a number compares the text, not the number.
        assertFalse(EvalScoring.matches("quiz", "It was 1969.", "1969"));
        assertTrue(EvalScoring.isNumeric("arithmetic"));
        assertFalse(EvalScoring.isNumeric("riddles"));
    }
}
