package dev.tumbler.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenizerCheckTest {
    private static final String A = "12ab".repeat(16);
    private static final String B = "34cd".repeat(16);

    @Test
    void equalHashesPassWhateverTheRefs() {
        TokenizerCheck.require("shards/web/v1", "tokenizer/a/v1", A, "tokenizer/a/v1", A);
        TokenizerCheck.require("shards/web/v1", "tokenizer/a/v1", A, "tokenizer/a-copy/v1", A.toUpperCase());
    }

    @Test
    void differentHashesThrowNamingBothTokenizers() {
        var e = assertThrows(TokenizerMismatchException.class,
                () -> TokenizerCheck.require("shards/web/v1", "tokenizer/a/v1", A, "tokenizer/b/v2", B));
        assertEquals("shards shards/web/v1 were tokenized with tokenizer/a/v1 (sha256 " + A
                + ") but the model uses tokenizer/b/v2 (sha256 " + B + "); re-shard with the model's tokenizer",
                e.getMessage());
        assertTrue(e instanceof IllegalStateException);
    }

    @Test
    void missingHashCannotBeChecked() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TokenizerCheck.require("shards/web/v1", "tokenizer/a/v1", null, "tokenizer/b/v2", B));
        assertTrue(e.getMessage().contains("shards/web/v1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TokenizerCheck.require("shards/web/v1", "tokenizer/a/v1", A, "tokenizer/b/v2", " "));
    }
}
