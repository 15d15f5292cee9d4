package dev.tumbler.model.generate;

/**
 * How the next token is drawn from the logits: {@code temperature} 0 is greedy (argmax); otherwise softmax of
 * logits / temperature, restricted to the {@code topK} most likely tokens (0 = all) and then to the smallest set
 * whose probability reaches {@code topP} (1 = all). Messages name the CLI options.
 */
public record SamplingParams(double temperature, int topK, double topP) {
    /** Validates the ranges. */
    public SamplingParams {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("--temperature must be >= 0 (0 = greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("--top-k must be >= 0 (0 = no limit), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("--top-p must be in (0, 1], got " + topP);
        }
    }

    /** Argmax decoding. */
    public static SamplingParams greedy() {
        return new SamplingParams(0.0, 0, 1.0);
    }
}
