package dev.tumbler.model.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads tiktoken {@code .tiktoken} rank files ({@code base64(token) rank} per line). The OpenAI
 * encodings are recognized by file name and get their split pattern and special tokens.
 */
public final class TiktokenFiles {
    private record Known(SplitPattern pattern, Map<String, Integer> specials) {
    }

    private static final Map<String, Known> KNOWN = Map.of(
            "r50k_base", new Known(SplitPattern.GPT2, Map.of("<|endoftext|>", 50256)),
            "p50k_base", new Known(SplitPattern.GPT2, Map.of("<|endoftext|>", 50256)),
            "cl100k_base", new Known(SplitPattern.CL100K, Map.of(
                    "<|endoftext|>", 100257, "<|fim_prefix|>", 100258, "<|fim_middle|>", 100259,
                    "<|fim_suffix|>", 100260, "<|endofprompt|>", 100276)),
            "o200k_base", new Known(SplitPattern.O200K, Map.of("<|endoftext|>", 199999, "<|endofprompt|>", 200018)));

    private TiktokenFiles() {
    }

    /** Loads a file named after a known encoding ({@code cl100k_base.tiktoken}, ...). */
    public static Tokenizer load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Loads a rank file; {@code pattern} (may be null for known encodings) overrides the split pattern.
     * Files of unknown encodings have no special tokens.
     */
    public static Tokenizer load(Path file, SplitPattern pattern) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.tiktoken$", "");
        Known known = KNOWN.get(name);
        if (known == null && pattern == null) {
            throw new IllegalArgumentException("unknown tiktoken encoding '" + name
                    + "': pass --pattern (one of GPT2, CL100K, O200K) to choose its split pattern");
        }
        SplitPattern split = pattern != null ? pattern : known.pattern();
        Map<String, Integer> specials = known == null ? Map.of() : new LinkedHashMap<>(known.specials());
        return Tokenizer.fromRanks(readRanks(file), split, specials);
    }

    /** The ranks of a {@code .tiktoken} file. */
    public static Map<byte[], Integer> readRanks(Path file) throws IOException {
        Map<byte[], Integer> ranks = new HashMap<>(1 << 18);
        Base64.Decoder base64 = Base64.getDecoder();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space <= 0) {
                    throw new IOException(file + ":" + lineNumber + ": expected 'base64 rank'");
                }
                try {
                    ranks.put(base64.decode(line.substring(0, space)), Integer.parseInt(line.substring(space + 1).trim()));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        return ranks;
    }
}
