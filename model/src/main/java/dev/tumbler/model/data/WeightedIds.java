package dev.tumbler.model.data;

import java.util.Objects;

/**
 * One conversation for packed supervised fine-tuning: its token ids (starting with {@code <|bos|>}) and one loss
 * weight per id, the weight of predicting that id from the ids before it ({@code weights[0]} is never used: the first
 * id has no predecessor in its conversation). The same layout as {@code chat.RenderedChat}'s ids and weights. The
 * arrays are held, not copied: do not change them.
 *
 * @param ids the token ids, at least one
 * @param weights one finite weight per id
 */
public record WeightedIds(int[] ids, float[] weights) {
    /** Checks that there is at least one id, one weight per id, and that every weight is finite. */
    public WeightedIds {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(weights, "weights");
        if (ids.length == 0) {
            throw new IllegalArgumentException("a conversation needs at least one id (its <|bos|>)");
        }
        if (ids.length != weights.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + weights.length + " weights");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Float.isFinite(weights[i])) {
                throw new IllegalArgumentException("weights[" + i + "] is " + weights[i] + "; weights must be finite");
            }
        }
    }

    /** The number of ids. */
    public int length() {
        return ids.length;
    }
}
