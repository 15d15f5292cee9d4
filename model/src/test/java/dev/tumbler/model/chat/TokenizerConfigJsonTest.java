package dev.tumbler.model.chat;

import static dev.tumbler.model.chat.ChatTestTokenizer.TOKENIZER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.tokenizer.Json;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HF tokenizer_config.json: its special tokens, stop token and chat template. */
class TokenizerConfigJsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void writesTheFieldsHfReads(@TempDir Path dir) throws IOException {
        Path file = TokenizerConfigJson.write(TOKENIZER, dir, 1024);
        assertEquals(dir.resolve("tokenizer_config.json"), file);
        Map<String, Object> config = (Map<String, Object>) Json.parse(Files.readString(file));
        assertEquals("PreTrainedTokenizerFast", config.get("tokenizer_class"));
        assertEquals("<|bos|>", config.get("bos_token"));
        assertEquals("<|assistant_end|>", config.get("eos_token"));
        assertEquals("<|bos|>", config.get("pad_token"));
        assertEquals(1024L, config.get("model_max_length"));
        assertEquals(ChatTemplate.jinjaSource(), config.get("chat_template"));
        String template = (String) config.get("chat_template");
        assertTrue(template.contains("{%- generation -%}") && template.contains("{%- endgeneration -%}"), template);
        Map<String, Object> added = (Map<String, Object>) config.get("added_tokens_decoder");
        assertEquals(SpecialTokens.ALL.size(), added.size());
        for (String special : SpecialTokens.ALL) {
            Map<String, Object> token = (Map<String, Object>) added.get(Integer.toString(TOKENIZER.idOf(special)));
            assertEquals(special, token.get("content"));
            assertEquals(Boolean.TRUE, token.get("special"));
            assertEquals(Boolean.FALSE, token.get("normalized"));
        }
        assertEquals(SpecialTokens.ALL, config.get("additional_special_tokens"));
    }

    @Test
    void leavesOutAnUnknownContextLengthAndRefusesATokenizerWithoutChatTokens() {
        assertFalse(TokenizerConfigJson.toJson(TOKENIZER, 0).contains("model_max_length"));
        Tokenizer plain = Tokenizer.fromMerges(List.of(), SplitPattern.GPT2, List.of("<|endoftext|>"));
        assertThrows(IllegalArgumentException.class, () -> TokenizerConfigJson.toJson(plain, 0));
        assertThrows(IllegalArgumentException.class, () -> TokenizerConfigJson.toJson(TOKENIZER, -1));
    }
}
