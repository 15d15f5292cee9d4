package dev.tumbler.model.chat;

/**
 * A conversation as token ids with a loss weight per id (1 where the model is trained to write the token, 0 where
 * it only reads it) and the end of each message. Training uses {@code ids[0..n-2]} as inputs and {@code ids[1..]}
 * as targets, with target {@code t} weighted by {@code weights[t]}. The arrays are shared, not copied: do not
 * change them.
 *
 * @param ids the tokens, starting with {@code <|bos|>}
 * @param weights one per id, 0 or 1
 * @param turnEnds for message {@code i} (user at even {@code i}, assistant at odd), the index just after its last
 *     token
 */
public record RenderedChat(int[] ids, float[] weights, int[] turnEnds) {
    public RenderedChat {
        if (ids.length != weights.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + weights.length + " weights");
        }
    }

    public int length() {
        return ids.length;
    }

    /** How many tokens carry weight. */
    public int supervisedTokens() {
        int n = 0;
        for (float w : weights) {
            if (w != 0f) {
                n++;
            }
        }
        return n;
    }

    /** The number of messages. */
    public int turns() {
        return turnEnds.length;
    }
}
