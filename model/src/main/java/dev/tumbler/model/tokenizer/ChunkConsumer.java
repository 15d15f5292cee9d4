package dev.tumbler.model.tokenizer;

/** Receives pre-token chunks as {@code [start, end)} byte ranges of a UTF-8 buffer. */
@FunctionalInterface
public interface ChunkConsumer {
    void accept(int start, int end);
}
