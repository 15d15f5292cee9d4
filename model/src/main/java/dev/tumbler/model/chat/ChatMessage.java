package dev.tumbler.model.chat;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation. User and system messages hold text parts only; an assistant message may also
 * hold tool calls and their outputs ({@link ChatPart}). In JSON: {@code {"role": "user", "content": "..."}},
 * where an assistant's {@code content} is a string or a list of parts.
 */
public record ChatMessage(Role role, List<ChatPart> parts) {
    /** A message's {@code "role"}. */
    public enum Role {
        SYSTEM("system"),
        USER("user"),
        ASSISTANT("assistant");

        private final String jsonName;

        Role(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The {@code "role"} value in a conversation line. */
        public String jsonName() {
            return jsonName;
        }

        /** The role named {@code role} in JSON, or null when there is none. */
        public static Role fromJson(String role) {
            for (Role r : values()) {
                if (r.jsonName.equals(role)) {
                    return r;
                }
            }
            return null;
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
        if (role != Role.ASSISTANT) {
            for (ChatPart p : parts) {
                if (p.kind() != ChatPart.Kind.TEXT) {
                    throw new IllegalArgumentException("a " + role.jsonName() + " message holds text parts only, not "
                            + p.kind().jsonName());
                }
            }
        }
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, List.of(ChatPart.text(text)));
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(ChatPart.text(text)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(ChatPart.text(text)));
    }

    public static ChatMessage assistant(ChatPart... parts) {
        return new ChatMessage(Role.ASSISTANT, List.of(parts));
    }

    /** The text of all parts, joined; for user and system messages, the message's text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ChatPart p : parts) {
            sb.append(p.text());
        }
        return sb.toString();
    }

    /** Whether no part holds any non-blank text (an empty tool call or output still counts as content). */
    boolean isEmpty() {
        for (ChatPart p : parts) {
            if (p.kind() != ChatPart.Kind.TEXT || !p.text().isBlank()) {
                return false;
            }
        }
        return true;
    }
}
