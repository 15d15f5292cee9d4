package dev.tumbler.model.chat;

import dev.tumbler.model.chat.ChatMessage.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as the template renders it: user and assistant messages alternating, starting with a user message,
 * with no system message (see {@link #of}, which merges one into the first user message). It may end with either
 * role: a training conversation usually ends with the assistant, an inference prompt with the user.
 */
public record ChatConversation(List<ChatMessage> messages) {
    /** What joins a leading system message's text to the first user message's text. */
    public static final String SYSTEM_SEPARATOR = "\n\n";

    public ChatConversation {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new ChatFormatException(ChatReject.EMPTY_CONTENT, "a conversation needs at least one message");
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            Role expected = i % 2 == 0 ? Role.USER : Role.ASSISTANT;
            if (m.role() != expected) {
                throw new ChatFormatException(ChatReject.ROLES_OUT_OF_ORDER, "message " + i + " is "
                        + m.role().jsonName() + " where " + expected.jsonName() + " must come"
                        + (m.role() == Role.SYSTEM ? " (only the first message may be system)" : ""));
            }
            if (m.isEmpty()) {
                throw new ChatFormatException(ChatReject.EMPTY_CONTENT, "message " + i + " ("
                        + m.role().jsonName() + ") has empty content");
            }
        }
    }

    /**
     * A conversation from messages as written: a leading system message is merged into the first user message as
     * {@code system text + "\n\n" + user text}; then roles must alternate user, assistant, ... Throws
     * {@link ChatFormatException} with the reason otherwise.
     */
    public static ChatConversation of(List<ChatMessage> written) {
        if (written.isEmpty() || written.get(0).role() != Role.SYSTEM) {
            return new ChatConversation(written);
        }
        ChatMessage system = written.get(0);
        if (system.isEmpty()) {
            throw new ChatFormatException(ChatReject.EMPTY_CONTENT, "message 0 (system) has empty content");
        }
        if (written.size() < 2 || written.get(1).role() != Role.USER) {
            throw new ChatFormatException(ChatReject.ROLES_OUT_OF_ORDER,
                    "a system message must be followed by a user message");
        }
        ChatMessage user = written.get(1);
        if (user.isEmpty()) {
            throw new ChatFormatException(ChatReject.EMPTY_CONTENT, "message 1 (user) has empty content");
        }
        List<ChatMessage> merged = new ArrayList<>(written.size() - 1);
        merged.add(ChatMessage.user(system.text() + SYSTEM_SEPARATOR + user.text()));
        merged.addAll(written.subList(2, written.size()));
        return new ChatConversation(merged);
    }

    public static ChatConversation of(ChatMessage... written) {
        return of(List.of(written));
    }

    /** Whether any message is the assistant's. */
    public boolean hasAssistantTurn() {
        return messages.size() > 1;
    }

    /** Whether the last message is the user's, so the model may answer it. */
    public boolean endsWithUser() {
        return messages.size() % 2 == 1;
    }
}
