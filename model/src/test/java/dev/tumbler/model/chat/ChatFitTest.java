package dev.tumbler.model.chat;

import static dev.tumbler.model.chat.ChatTestTokenizer.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tumbler.model.chat.ChatFit.Outcome;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Fitting a rendered conversation into a row: kept, cut at an assistant message's end, or dropped. */
class ChatFitTest {
    private static final RenderedChat THREE = TEMPLATE.render(ChatConversation.of(
            ChatMessage.user("hello there"), ChatMessage.assistant("Hello again."),
            ChatMessage.user("how are you?"), ChatMessage.assistant("I am fine, thank you."),
            ChatMessage.user("What is the capital of France?"), ChatMessage.assistant("Paris.")));

    @Test
    void aConversationThatFitsIsKeptWhole() {
        ChatFit fit = TEMPLATE.fit(THREE, THREE.length());
        assertEquals(Outcome.KEPT, fit.outcome());
        assertSame(THREE, fit.chat());
        assertEquals(0, fit.turnsDropped());
    }

    @Test
    void aLongerOneIsCutAfterTheLastAssistantMessageThatFits() {
        int[] ends = THREE.turnEnds();
        ChatFit fit = TEMPLATE.fit(THREE, THREE.length() - 1);
        assertEquals(Outcome.CUT, fit.outcome());
        assertEquals(2, fit.turnsDropped());
        assertArrayEquals(Arrays.copyOf(THREE.ids(), ends[3]), fit.chat().ids());
        assertArrayEquals(Arrays.copyOf(THREE.weights(), ends[3]), fit.chat().weights());
        assertArrayEquals(Arrays.copyOf(ends, 4), fit.chat().turnEnds());

        ChatFit exact = TEMPLATE.fit(THREE, ends[1]);
        assertEquals(Outcome.CUT, exact.outcome());
        assertEquals(4, exact.turnsDropped());
        assertEquals(ends[1], exact.chat().length());
        assertEquals(Outcome.CUT, TEMPLATE.fit(THREE, ends[3] - 1).outcome());
        assertEquals(ends[1], TEMPLATE.fit(THREE, ends[3] - 1).chat().length());
    }

    @Test
    void aTrailingUserMessageIsDroppedByACut() {
        RenderedChat trailing = TEMPLATE.render(ChatConversation.of(ChatMessage.user("hello there"),
                ChatMessage.assistant("Hello again."), ChatMessage.user("how are you? how are you? how are you?")));
        ChatFit fit = TEMPLATE.fit(trailing, trailing.length() - 1);
        assertEquals(Outcome.CUT, fit.outcome());
        assertEquals(1, fit.turnsDropped());
        assertEquals(trailing.turnEnds()[1], fit.chat().length());
    }

    @Test
    void oneWhoseFirstExchangeDoesNotFitIsDropped() {
        ChatFit fit = TEMPLATE.fit(THREE, THREE.turnEnds()[1] - 1);
        assertEquals(Outcome.DROPPED_TOO_LONG, fit.outcome());
        assertNull(fit.chat());
        assertEquals(false, fit.kept());
    }

    @Test
    void oneWithNoSupervisedTokenIsDropped() {
        RenderedChat prompt = TEMPLATE.render(ChatConversation.of(ChatMessage.user("hello there")));
        assertEquals(0, prompt.supervisedTokens());
        ChatFit fit = TEMPLATE.fit(prompt, 1000);
        assertEquals(Outcome.DROPPED_NOTHING_SUPERVISED, fit.outcome());
        assertNull(fit.chat());
        assertThrows(IllegalArgumentException.class, () -> TEMPLATE.fit(THREE, 1));
    }
}
