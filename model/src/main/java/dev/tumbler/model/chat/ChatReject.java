package dev.tumbler.model.chat;

/** Why a conversation line was rejected; a job counts rejections by these. */
public enum ChatReject {
    /** The line is not valid JSON. */
    INVALID_JSON,
    /** Valid JSON but not a conversation: not a list of messages, a field missing or of the wrong type. */
    MALFORMED,
    /** A message's {@code "role"} is not {@code user}, {@code assistant} or {@code system}. */
    UNKNOWN_ROLE,
    /** An assistant part's {@code "type"} is not {@code text}, {@code python} or {@code python_output}. */
    UNKNOWN_PART_TYPE,
    /** A message whose content is empty or only whitespace, or a conversation with no messages. */
    EMPTY_CONTENT,
    /** The roles do not alternate user, assistant, user, ... (after a leading system message is merged). */
    ROLES_OUT_OF_ORDER,
    /** No assistant message: nothing to learn from. */
    NO_ASSISTANT_TURN
}
