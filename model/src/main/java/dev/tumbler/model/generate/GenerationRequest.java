package dev.tumbler.model.generate;

/**
 * One prompt to continue {@code samples} times in one batch: at most {@code maxTokens} tokens after the prompt
 * (tool output included), stopping early at {@code stopToken}. Messages name the CLI options.
 */
public record GenerationRequest(int[] prompt, int samples, int maxTokens, SamplingParams sampling, long seed,
                                int stopToken) {
    /** Validates counts. */
    public GenerationRequest {
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("--prompt must encode to at least one token");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("-n (samples per prompt) must be >= 1, got " + samples);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("--max-tokens must be >= 1, got " + maxTokens);
        }
    }
}
