package dev.tumbler.model.tokenizer;

/** Splits a UTF-8 range into the chunks that a split pattern's regex would find there. */
interface ChunkScanner {
    void split(byte[] utf8, int from, int to, ChunkConsumer out);
}
