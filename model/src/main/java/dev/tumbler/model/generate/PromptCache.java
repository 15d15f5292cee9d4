package dev.tumbler.model.generate;

import dev.tumbler.model.tokenizer.IntList;

/**
 * The key/value cache of one conversation, kept between {@link Generator} calls so that each turn prefills only
 * the part of its prompt the cache does not already hold: a chat's next prompt is the previous prompt, the reply as
 * it was generated, and the new user turn, so only the last of these is new. It follows sample 0 of each call (the
 * only sample of a chat turn); a prompt that shares less with it (earlier turns dropped, another sample kept) is
 * prefilled from where they part. Not thread-safe: one per conversation.
 */
public final class PromptCache {
    private final IntList held = new IntList(64);
    private KvCacheModel model;
    private int lastReused;

    /** Tokens of the last call's prompt that were already held, so not prefilled again (0 on a first call). */
    public int lastReused() {
        return lastReused;
    }

    /** Forgets what is held (a new conversation). */
    public void clear() {
        held.clear();
        model = null;
    }

    /**
     * The cache for a call over {@code prompt} with {@code rows} samples, its row 0 cut back to the longest prefix
     * of {@code prompt} it holds (at most all but the last token, whose logits the call needs). Returns that prefix's
     * length; the caller prefills the rest.
     */
    int prepare(TransformerWeights w, int rows, int[] prompt) {
        if (model == null || model.weights() != w) {
            model = new KvCacheModel(w, rows);
            held.clear();
        } else if (model.rows() < rows) {                 // more samples than before: a wider cache, same row 0
            KvCacheModel wider = new KvCacheModel(w, rows);
            wider.copyRow(model, 0, 0);
            model = wider;
        }
        // Only positions the cache really holds count: a call that ended early (a listener that threw) may have
        // recorded tokens it never fed.
        int limit = Math.min(Math.min(held.size(), model.length(0)), prompt.length - 1);
        int shared = 0;
        while (shared < limit && held.get(shared) == prompt[shared]) {
            shared++;
        }
        model.truncate(0, shared);
        held.clear();
        held.addAll(prompt);
        lastReused = shared;
        return shared;
    }

    KvCacheModel model() {
        return model;
    }

    /** Records a token fed to row 0 after the prompt. */
    void fed(int token) {
        held.add(token);
    }
}
