package dev.tumbler.model.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.chat.ChatMessage.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing conversation lines, and each reason a line is rejected. */
class ChatJsonlTest {
    private static void assertRejected(ChatReject reason, String line) {
        ChatParse parse = ChatJsonl.parse(line);
        assertFalse(parse.isOk(), line);
        assertNull(parse.conversation());
        assertEquals(reason, parse.reason(), line + ": " + parse.detail());
    }

    @Test
    void parsesAnArrayOrAMessagesObjectWithPartsAndASystemMessage() {
        String messages = "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is 6*7?\"}],\"name\":\"x\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"python\",\"text\":\"print(6*7)\"},"
                + "{\"type\":\"python_output\",\"text\":\"42\"},{\"type\":\"text\",\"text\":\"It is 42.\"}]},"
                + "{\"role\":\"user\",\"content\":\"Thanks!\"},{\"role\":\"assistant\",\"content\":\"Welcome.\"}]";
        for (String line : List.of(messages, "{\"id\": 7, \"messages\": " + messages + "}")) {
            ChatParse parse = ChatJsonl.parse(line);
            assertTrue(parse.isOk(), parse.detail());
            List<ChatMessage> m = parse.conversation().messages();
            assertEquals(4, m.size());
            assertEquals(ChatMessage.user("Be brief.\n\nWhat is 6*7?"), m.get(0));
            assertEquals(ChatMessage.assistant(ChatPart.python("print(6*7)"), ChatPart.pythonOutput("42"),
                    ChatPart.text("It is 42.")), m.get(1));
            assertEquals(Role.ASSISTANT, m.get(3).role());
            assertEquals("Welcome.", m.get(3).text());
        }
    }

    @Test
    void rejectsInvalidJson() {
        for (String line : List.of("not json", "{", "[{\"role\":\"user\",", "[\"abc", "[1,]", "[] []", "")) {
            assertRejected(ChatReject.INVALID_JSON, line);
        }
        // A line nested far deeper than any conversation is a counted rejection, not a StackOverflowError.
        assertRejected(ChatReject.INVALID_JSON, "[".repeat(100_000) + "]".repeat(100_000));
    }

    @Test
    void rejectsJsonThatIsNotAConversation() {
        assertRejected(ChatReject.MALFORMED, "{\"conversation\": []}");
        assertRejected(ChatReject.MALFORMED, "\"hello\"");
        assertRejected(ChatReject.MALFORMED, "[\"hello\"]");
        assertRejected(ChatReject.MALFORMED, "[{\"content\":\"hi\"}]");
        assertRejected(ChatReject.MALFORMED, "[{\"role\":\"user\",\"content\":5}]");
        assertRejected(ChatReject.MALFORMED, "[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\"}]}]");
        assertRejected(ChatReject.MALFORMED, "[{\"role\":\"user\",\"content\":[{\"type\":\"python\",\"text\":\"1\"}]},"
                + "{\"role\":\"assistant\",\"content\":\"2\"}]");
    }

    @Test
    void rejectsAnUnknownRoleOrPartType() {
        assertRejected(ChatReject.UNKNOWN_ROLE, "[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"tool\",\"content\":\"42\"}]");
        assertRejected(ChatReject.UNKNOWN_PART_TYPE, "[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"image\",\"text\":\"x\"}]}]");
    }

    @Test
    void rejectsEmptyContent() {
        assertRejected(ChatReject.EMPTY_CONTENT, "[]");
        assertRejected(ChatReject.EMPTY_CONTENT, "[{\"role\":\"user\",\"content\":\" \\n\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello.\"}]");
        assertRejected(ChatReject.EMPTY_CONTENT, "[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[]}]");
        assertRejected(ChatReject.EMPTY_CONTENT, "[{\"role\":\"system\",\"content\":\"\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"Hello.\"}]");
        assertTrue(ChatJsonl.parse("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"python\",\"text\":\"print()\"},{\"type\":\"python_output\",\"text\":\"\"}]}]").isOk(),
                "a tool call with an empty output is content");
    }

    @Test
    void rejectsRolesOutOfOrder() {
        assertRejected(ChatReject.ROLES_OUT_OF_ORDER, "[{\"role\":\"assistant\",\"content\":\"Hello.\"}]");
        assertRejected(ChatReject.ROLES_OUT_OF_ORDER, "[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"Hello.\"}]");
        assertRejected(ChatReject.ROLES_OUT_OF_ORDER, "[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"assistant\",\"content\":\"Hello.\"}]");
        assertRejected(ChatReject.ROLES_OUT_OF_ORDER, "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello.\"}]");
    }

    @Test
    void rejectsAConversationWithNoAssistantTurn() {
        assertRejected(ChatReject.NO_ASSISTANT_TURN, "[{\"role\":\"user\",\"content\":\"hi\"}]");
        assertRejected(ChatReject.NO_ASSISTANT_TURN, "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void formatWritesALineThatParsesBackEqual() {
        ChatConversation c = ChatConversation.of(ChatMessage.user("What is 6*7? \"quoted\"\nline\u00e9"),
                ChatMessage.assistant(ChatPart.text("Let me compute. "), ChatPart.python("6*7"),
                        ChatPart.pythonOutput("42"), ChatPart.text("It is 42.")),
                ChatMessage.user("Thanks!"), ChatMessage.assistant("Welcome \\ back."));
        String line = ChatJsonl.format(c);
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.startsWith("{\"messages\":[{\"role\":\"user\",\"content\":\"What is"), line);
        assertTrue(line.contains("{\"role\":\"assistant\",\"content\":\"Welcome \\\\ back.\"}"), line);
        ChatParse parse = ChatJsonl.parse(line);
        assertTrue(parse.isOk(), parse.detail());
        assertEquals(c, parse.conversation());
    }
}
