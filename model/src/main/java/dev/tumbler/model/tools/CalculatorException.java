package dev.tumbler.model.tools;

/** A calculator expression that cannot be evaluated; the message is shown to the model as the tool's output. */
public final class CalculatorException extends RuntimeException {
    public CalculatorException(String message) {
        super(message);
    }
}
