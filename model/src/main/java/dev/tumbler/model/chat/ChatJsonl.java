package dev.tumbler.model.chat;

import dev.tumbler.model.chat.ChatMessage.Role;
import dev.tumbler.model.tokenizer.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a training conversation from one JSONL line: either a JSON array of messages or an object whose
 * {@code "messages"} is that array. A message is {@code {"role": "user"|"assistant"|"system", "content": ...}};
 * content is a string, or a list of parts {@code {"type": "text"|"python"|"python_output", "text": ...}} (user and
 * system messages: text parts only). Other keys are ignored. A leading system message is merged into the first user
 * message ({@link ChatConversation#of}). A conversation needs at least one assistant message. {@link #format} writes
 * a conversation back as such a line.
 */
public final class ChatJsonl {
    private ChatJsonl() {
    }

    /** The conversation on {@code line}, or why it is rejected; never throws for bad input. */
    public static ChatParse parse(String line) {
        Object root;
        try {
            root = Json.parse(line);
        } catch (IllegalArgumentException e) {
            return ChatParse.rejected(ChatReject.INVALID_JSON, e.getMessage());
        }
        try {
            ChatConversation c = ChatConversation.of(messages(root));
            if (!c.hasAssistantTurn()) {
                return ChatParse.rejected(ChatReject.NO_ASSISTANT_TURN, "the conversation has no assistant message");
            }
            return ChatParse.ok(c);
        } catch (ChatFormatException e) {
            return ChatParse.rejected(e.reason(), e.getMessage());
        }
    }

    /**
     * The conversation as one line that {@link #parse} reads back equal: {@code {"messages": [...]}}, a message with
     * a single text part as a content string, otherwise as a list of parts.
     */
    public static String format(ChatConversation conversation) {
        StringBuilder sb = new StringBuilder(256).append("{\"messages\":[");
        List<ChatMessage> messages = conversation.messages();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"role\":").append(Json.quote(m.role().jsonName()))
                    .append(",\"content\":");
            List<ChatPart> parts = m.parts();
            if (parts.size() == 1 && parts.get(0).kind() == ChatPart.Kind.TEXT) {
                sb.append(Json.quote(parts.get(0).text()));
            } else {
                sb.append('[');
                for (int p = 0; p < parts.size(); p++) {
                    ChatPart part = parts.get(p);
                    sb.append(p == 0 ? "" : ",").append("{\"type\":").append(Json.quote(part.kind().jsonName()))
                            .append(",\"text\":").append(Json.quote(part.text())).append('}');
                }
                sb.append(']');
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    private static List<ChatMessage> messages(Object root) {
        Object list = root;
        if (root instanceof Map<?, ?> map) {
            list = map.get("messages");
        }
        if (!(list instanceof List<?> items)) {
            throw malformed("a line must be a JSON array of messages or an object with a \"messages\" array");
        }
        List<ChatMessage> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(message(items.get(i), i));
        }
        return out;
    }

    private static ChatMessage message(Object item, int index) {
        if (!(item instanceof Map<?, ?> m)) {
            throw malformed("message " + index + " is not an object");
        }
        if (!(m.get("role") instanceof String roleName)) {
            throw malformed("message " + index + " has no string \"role\"");
        }
        Role role = Role.fromJson(roleName);
        if (role == null) {
            throw new ChatFormatException(ChatReject.UNKNOWN_ROLE, "message " + index + " has role \"" + roleName
                    + "\" (expected user, assistant or system)");
        }
        Object content = m.get("content");
        List<ChatPart> parts = new ArrayList<>();
        if (content instanceof String text) {
            parts.add(ChatPart.text(text));
        } else if (content instanceof List<?> list) {
            for (int p = 0; p < list.size(); p++) {
                ChatPart part = part(list.get(p), index, p);
                if (role != Role.ASSISTANT && part.kind() != ChatPart.Kind.TEXT) {
                    throw malformed("message " + index + " (" + roleName + ") part " + p + " is of type \""
                            + part.kind().jsonName() + "\"; only assistant messages hold tool parts");
                }
                parts.add(part);
            }
        } else {
            throw malformed("message " + index + " has no \"content\" string or list of parts");
        }
        return new ChatMessage(role, parts);
    }

    private static ChatPart part(Object item, int index, int p) {
        if (!(item instanceof Map<?, ?> m)) {
            throw malformed("message " + index + " part " + p + " is not an object");
        }
        if (!(m.get("type") instanceof String type)) {
            throw malformed("message " + index + " part " + p + " has no string \"type\"");
        }
        ChatPart.Kind kind = ChatPart.Kind.fromJson(type);
        if (kind == null) {
            throw new ChatFormatException(ChatReject.UNKNOWN_PART_TYPE, "message " + index + " part " + p
                    + " has type \"" + type + "\" (expected text, python or python_output)");
        }
        if (!(m.get("text") instanceof String text)) {
            throw malformed("message " + index + " part " + p + " has no string \"text\"");
        }
        return new ChatPart(kind, text);
    }

    private static ChatFormatException malformed(String message) {
        return new ChatFormatException(ChatReject.MALFORMED, message);
    }
}
