package dev.tumbler.cli;

import dev.tumbler.model.generate.SamplingParams;
import picocli.CommandLine.Option;

/** Sampling and tool options shared by {@code generate} and {@code chat}. */
public final class GenerationOptions {
    @Option(names = "--model", required = true, paramLabel = "REF", description = "Model artifact, e.g. model/tiny or model/tiny/v2.")
    String model;

    @Option(names = "--temperature", defaultValue = "0.8",
            description = "Softmax temperature; 0 is greedy (argmax). (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", defaultValue = "50",
            description = "Sample among the K most likely tokens; 0 = no limit. (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0",
            description = "Nucleus sampling: the smallest set of tokens whose probability reaches P; 1 = off. "
                    + "(default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--max-tokens", defaultValue = "256",
            description = "Most tokens appended after the prompt, tool output included (the model's context "
                    + "also bounds it). (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--python-tool",
            description = "Run tool calls in a sandboxed python3 subprocess instead of the built-in calculator "
                    + "(timeout, CPU/memory/process limits, no network). (default: false)")
    boolean pythonTool;

    /** Validated sampling parameters; errors name the option. */
    SamplingParams sampling() {
        return new SamplingParams(temperature, topK, topP);
    }

    /** Checks every option before any work starts. */
    void validate() {
        sampling();
        if (maxTokens < 1) {
            throw new IllegalArgumentException("--max-tokens must be >= 1, got " + maxTokens);
        }
    }
}
