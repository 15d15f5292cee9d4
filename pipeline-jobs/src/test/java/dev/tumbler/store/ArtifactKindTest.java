package dev.tumbler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArtifactKindTest {
    @Test
    void kindsAreSpelledAsTheirDirectories() {
        assertEquals("search-index", ArtifactKind.SEARCH_INDEX.dirName());
        assertEquals(ArtifactKind.SEARCH_INDEX, ArtifactKind.parse(" search-index ", "--kind"));
        assertEquals(ArtifactKind.SEARCH_INDEX, ArtifactRef.parse("search-index/docs/v2").kind());
        assertEquals("search-index/docs/v2", ArtifactRef.parse("search-index/docs/v2").toString());
        assertEquals("model", ArtifactKind.MODEL.toString());
    }

    @Test
    void anUnknownKindIsRefusedNamingTheOptionAndTheKnownKinds() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> ArtifactKind.parse("models", "KIND[/NAME]"));
        assertTrue(kind.getMessage().startsWith("KIND[/NAME]: unknown artifact kind 'models'"), kind.getMessage());
        assertTrue(kind.getMessage().contains("corpus, tokenizer, shards, model"), kind.getMessage());
        IllegalArgumentException ref = assertThrows(IllegalArgumentException.class,
                () -> ArtifactRef.parse("corpora/web/v1", "--corpus"));
        assertTrue(ref.getMessage().startsWith("--corpus: unknown artifact kind 'corpora'"), ref.getMessage());
    }
}
