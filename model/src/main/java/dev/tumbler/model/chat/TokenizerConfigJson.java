package dev.tumbler.model.chat;

import dev.tumbler.model.tokenizer.Json;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the HF {@code tokenizer_config.json} that goes beside a {@code tokenizer.json}: the class
 * ({@code PreTrainedTokenizerFast}), the special tokens, {@code bos_token} {@code <|bos|>}, {@code eos_token}
 * {@code <|assistant_end|>} (where a chat reply stops), {@code pad_token} {@code <|bos|>} (as Tumbler pads; never the
 * EOS, so masking pads cannot mask the stop token), and the {@link ChatTemplate#jinjaSource chat_template}.
 */
public final class TokenizerConfigJson {
    /** The file name HF looks for. */
    public static final String FILE_NAME = "tokenizer_config.json";

    private TokenizerConfigJson() {
    }

    /**
     * Writes {@code dir/tokenizer_config.json} for {@code tokenizer}; {@code modelMaxLengthTokens} is the model's
     * context length, or 0 when not known (the field is then left out). Returns the file.
     */
    public static Path write(Tokenizer tokenizer, Path dir, int modelMaxLengthTokens) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, toJson(tokenizer, modelMaxLengthTokens), StandardCharsets.UTF_8);
        return file;
    }

    /** The file's text; see {@link #write}. */
    public static String toJson(Tokenizer tokenizer, int modelMaxLengthTokens) {
        if (!ChatTemplate.supports(tokenizer)) {
            throw new IllegalArgumentException("the tokenizer lacks the chat special tokens " + SpecialTokens.ALL);
        }
        if (modelMaxLengthTokens < 0) {
            throw new IllegalArgumentException("modelMaxLengthTokens must be 0 (unknown) or positive, got "
                    + modelMaxLengthTokens);
        }
        StringBuilder sb = new StringBuilder(8192);
        sb.append("{\n  \"tokenizer_class\": \"PreTrainedTokenizerFast\",\n  \"added_tokens_decoder\": {");
        String sep = "\n    ";
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, Integer> e : tokenizer.specialTokens().entrySet()) {
            sb.append(sep).append(Json.quote(Integer.toString(e.getValue()))).append(": {\"content\": ")
                    .append(Json.quote(e.getKey())).append(", \"lstrip\": false, \"normalized\": false,"
                            + " \"rstrip\": false, \"single_word\": false, \"special\": true}");
            all.append(all.length() == 0 ? "" : ", ").append(Json.quote(e.getKey()));
            sep = ",\n    ";
        }
        sb.append("\n  },\n  \"additional_special_tokens\": [").append(all).append("],\n")
                .append("  \"bos_token\": ").append(Json.quote(SpecialTokens.BOS)).append(",\n")
                .append("  \"eos_token\": ").append(Json.quote(SpecialTokens.ASSISTANT_END)).append(",\n")
                .append("  \"pad_token\": ").append(Json.quote(SpecialTokens.BOS)).append(",\n")
                .append("  \"clean_up_tokenization_spaces\": false,\n");
        if (modelMaxLengthTokens > 0) {
            sb.append("  \"model_max_length\": ").append(modelMaxLengthTokens).append(",\n");
        }
        sb.append("  \"chat_template\": ").append(Json.quote(ChatTemplate.jinjaSource())).append("\n}\n");
        return sb.toString();
    }
}
