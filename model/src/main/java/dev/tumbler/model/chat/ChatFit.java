package dev.tumbler.model.chat;

/**
 * What {@link ChatTemplate#fit} did with a rendered conversation, for a job to count: kept whole, cut after an
 * assistant message with later messages dropped, or dropped.
 *
 * @param outcome what happened
 * @param chat the rendered conversation to train on; null when dropped
 * @param turnsDropped how many trailing messages (user or assistant) the cut removed; 0 unless cut
 */
public record ChatFit(Outcome outcome, RenderedChat chat, int turnsDropped) {
    /** The outcomes of fitting. */
    public enum Outcome {
        /** Fits whole. */
        KEPT,
        /** Too long; cut after the last assistant message that fits. */
        CUT,
        /** Too long even with only its first user and assistant messages. */
        DROPPED_TOO_LONG,
        /** No token carries weight: there is nothing to learn from it. */
        DROPPED_NOTHING_SUPERVISED
    }

    public boolean kept() {
        return chat != null;
    }
}
