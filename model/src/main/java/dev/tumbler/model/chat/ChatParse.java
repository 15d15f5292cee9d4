package dev.tumbler.model.chat;

/**
 * The outcome of parsing one conversation line: the conversation, or the reason it was rejected and a detail
 * that says where.
 */
public record ChatParse(ChatConversation conversation, ChatReject reason, String detail) {
    public static ChatParse ok(ChatConversation conversation) {
        return new ChatParse(conversation, null, null);
    }

    public static ChatParse rejected(ChatReject reason, String detail) {
        return new ChatParse(null, reason, detail);
    }

    public boolean isOk() {
        return conversation != null;
    }
}
