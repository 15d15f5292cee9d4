package dev.tumbler.model.data;

import java.util.Objects;

/**
 * One training window: {@code T + 1} consecutive token ids of packed documents and an optional per-position loss
 * weight for each of the {@code T} predictions made from it.
 *
 * <p>Position {@code t} of the window predicts {@code tokens[t + 1]} from {@code tokens[0..t]}; {@code lossMask[t]}
 * weights that prediction's loss. A weight of 0 drops it (SFT masks non-assistant tokens that way) and other values
 * scale it (advantage weighting; a negative weight pushes the prediction down); a null mask means every weight is 1.
 *
 * <p>The transformer's {@code DecoderLayer} (with its LM head) applies a weight {@code w} exactly, as
 * {@code w * CE(softmax(z), y)}, negative {@code w} included.
 * <b>Caution with DL4J 1.0.0-M2.1's built-in output layers</b> (such as {@code RnnOutputLayer}): they multiply the
 * pre-softmax activations by the label mask as well as the loss, so a weight {@code w} yields
 * {@code w * CE(softmax(w * z), y)} there; only weights 0 and 1 mask exactly. See {@code TokenBatchesGraphTest}.
 *
 * <p>The arrays are held, not copied: do not change them after construction. As with any record holding arrays,
 * {@code equals} compares the arrays by reference.
 *
 * @param tokens   the token ids, length {@code T + 1 >= 2}
 * @param lossMask the loss weights, length {@code T}, each finite; or null for all ones
 */
public record TokenWindow(int[] tokens, float[] lossMask) {
    /** Checks the lengths and that every weight is finite. */
    public TokenWindow {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.length < 2) {
            throw new IllegalArgumentException(
                    "a window needs at least 2 tokens (T + 1 with T >= 1), got " + tokens.length);
        }
        if (lossMask != null) {
            if (lossMask.length != tokens.length - 1) {
                throw new IllegalArgumentException("lossMask has length " + lossMask.length
                        + " but a window of " + tokens.length + " tokens makes " + (tokens.length - 1)
                        + " predictions; expected lossMask length " + (tokens.length - 1));
            }
            for (int t = 0; t < lossMask.length; t++) {
                if (!Float.isFinite(lossMask[t])) {
                    throw new IllegalArgumentException("lossMask[" + t + "] is " + lossMask[t] + "; weights must be finite");
                }
            }
        }
    }

    /** A window whose predictions all have weight 1. */
    public static TokenWindow of(int[] tokens) {
        return new TokenWindow(tokens, null);
    }

    /** {@code T}: the number of predictions, one less than the number of tokens. */
    public int seqLen() {
        return tokens.length - 1;
    }
}
