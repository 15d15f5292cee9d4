package dev.tumbler.model.chat;

/** A conversation that breaks the format, with the {@link ChatReject reason}. */
public final class ChatFormatException extends IllegalArgumentException {
    private final ChatReject reason;

    public ChatFormatException(ChatReject reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ChatReject reason() {
        return reason;
    }
}
