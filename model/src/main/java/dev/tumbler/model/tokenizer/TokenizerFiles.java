package dev.tumbler.model.tokenizer;

import java.io.IOException;
import java.nio.file.Path;

/** Loads a tokenizer from a {@code .json} (HF) or {@code .tiktoken} file, by extension. */
public final class TokenizerFiles {
    private TokenizerFiles() {
    }

    public static Tokenizer load(Path file) throws IOException {
        return load(file, null);
    }

    /** Loads a file; {@code pattern} (may be null) overrides the split pattern. */
    public static Tokenizer load(Path file, SplitPattern pattern) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            return TokenizerJson.load(file, pattern);
        }
        if (name.endsWith(".tiktoken")) {
            return TiktokenFiles.load(file, pattern);
        }
        throw new IllegalArgumentException("unknown tokenizer file type (want .json or .tiktoken): " + file);
    }
}
