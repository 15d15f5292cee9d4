package dev.tumbler.model.generate;

/** Picks the next token of one sample from its logits {@code [V]} (which it must not modify). */
@FunctionalInterface
public interface TokenChooser {
    int choose(int sample, float[] logits);
}
