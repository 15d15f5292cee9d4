package dev.tumbler.model.data;

import java.util.Objects;

/**
 * Guards training against token shards made with another tokenizer: a tokenizer is identified by the SHA-256 of its
 * files, its ref (a name such as {@code tokenizer/web/v1}) is only for messages.
 */
public final class TokenizerCheck {
    private TokenizerCheck() {
    }

    /**
     * Passes when the two hashes are equal (ignoring hex case), whatever the refs; otherwise throws
     * {@link TokenizerMismatchException} naming the shards, both tokenizer refs and both hashes.
     *
     * @throws IllegalArgumentException when a hash is missing or blank: the lineage cannot be checked
     */
    public static void require(String shardsRef, String shardsTokenizerRef, String shardsTokenizerSha256,
                               String modelTokenizerRef, String modelTokenizerSha256) {
        requireHash(shardsTokenizerSha256, "shards " + shardsRef + " record no tokenizer sha256");
        requireHash(modelTokenizerSha256, "the model's tokenizer " + modelTokenizerRef + " has no sha256");
        if (!shardsTokenizerSha256.strip().equalsIgnoreCase(modelTokenizerSha256.strip())) {
            throw new TokenizerMismatchException("shards " + shardsRef + " were tokenized with " + shardsTokenizerRef
                    + " (sha256 " + shardsTokenizerSha256 + ") but the model uses " + modelTokenizerRef
                    + " (sha256 " + modelTokenizerSha256 + "); re-shard with the model's tokenizer");
        }
    }

    private static void requireHash(String sha256, String message) {
        if (Objects.requireNonNullElse(sha256, "").isBlank()) {
            throw new IllegalArgumentException(message + "; cannot check that shards and model share a tokenizer");
        }
    }
}
