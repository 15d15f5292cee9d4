package dev.tumbler.model.generate;

/**
 * One generated sample: {@code tokens} are every id appended after the prompt (sampled and forced tool output, and
 * the stop token when there was one); {@code text} decodes them without the final stop token.
 */
public record Completion(int[] tokens, String text, StopReason stopReason, int toolCalls) {
}
