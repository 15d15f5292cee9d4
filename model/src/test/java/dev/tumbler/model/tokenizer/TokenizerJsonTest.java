package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerJsonTest {
    @TempDir
    Path dir;

    private static void assertSameTokenizer(Tokenizer expected, Tokenizer actual) {
        assertEquals(expected.pattern(), actual.pattern());
        assertEquals(expected.vocabSize(), actual.vocabSize());
        assertEquals(expected.specialTokens(), actual.specialTokens());
        for (int id = 0; id < expected.vocabSize(); id++) {
            if (expected.isOrdinary(id) || expected.specialTokens().containsValue(id)) {
                assertArrayEquals(expected.tokenBytes(id), actual.tokenBytes(id));
            }
        }
        for (String doc : TestTexts.documents()) {
            assertArrayEquals(expected.encode(doc), actual.encode(doc));
        }
    }

    @Test
    void trainedTokenizerRoundTrips() throws IOException {
        Tokenizer trained = TrainedTokenizers.train(TestTexts.PROSE + TestTexts.SCRIPTS, 400, SplitPattern.CL100K);
        Path file = dir.resolve("tokenizer.json");
        TokenizerJson.save(trained, file);
        Tokenizer loaded = TokenizerFiles.load(file);
        assertSameTokenizer(trained, loaded);
        String chat = "<|bos|><|user_start|>hi<|user_end|>";
        assertArrayEquals(trained.encode(chat, Set.copyOf(SpecialTokens.ALL)),
                loaded.encode(chat, Set.copyOf(SpecialTokens.ALL)));
    }

    @Test
    void cl100kRoundTrips() throws IOException {
        Tokenizer cl100k = Reference.tumbler("cl100k_base");
        Path file = dir.resolve("cl100k.json");
        TokenizerJson.save(cl100k, file);
        assertSameTokenizer(cl100k, TokenizerJson.load(file));
    }

    @Test
    void patternOverrideAndDetection() throws IOException {
        Tokenizer trained = TrainedTokenizers.train(TestTexts.PROSE, 50, SplitPattern.GPT2);
        String json = TokenizerJson.toJson(trained);
        assertEquals(SplitPattern.GPT2, TokenizerJson.fromJson(json, null).pattern());
        assertEquals(SplitPattern.O200K, TokenizerJson.fromJson(json, SplitPattern.O200K).pattern());
        String gpt2Style = json.replaceFirst("\"pre_tokenizer\": \\{.*?\\]\\}",
                "\"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true,"
                        + " \"use_regex\": true}");
        assertTrue(gpt2Style.contains("\"use_regex\": true}"));
        assertEquals(SplitPattern.GPT2, TokenizerJson.fromJson(gpt2Style, null).pattern());
        String unknown = json.replace(Json.quote(SplitPattern.GPT2.regex()), "\"\\\\w+\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson(unknown, null));
        assertTrue(e.getMessage().contains("--pattern"));
        assertEquals(SplitPattern.CL100K, TokenizerJson.fromJson(unknown, SplitPattern.CL100K).pattern());
    }

    @Test
    void tiktokenNamesChooseThePattern() throws IOException {
        Path renamed = dir.resolve("mystery.tiktoken");
        Files.copy(Reference.rankFile("r50k_base"), renamed);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerFiles.load(renamed));
        assertTrue(e.getMessage().contains("--pattern"));
        Tokenizer loaded = TokenizerFiles.load(renamed, SplitPattern.GPT2);
        assertArrayEquals(Reference.tumbler("r50k_base").encode(TestTexts.PROSE), loaded.encode(TestTexts.PROSE));
        assertEquals(SplitPattern.CL100K, Reference.tumbler("cl100k_base").pattern());
        assertEquals(100257, Reference.tumbler("cl100k_base").idOf("<|endoftext|>"));
        assertEquals(100277, Reference.tumbler("cl100k_base").vocabSize());
    }
}
