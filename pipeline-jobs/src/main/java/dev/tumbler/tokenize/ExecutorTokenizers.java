package dev.tumbler.tokenize;

import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerJson;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokenizers rebuilt on an executor from the {@code tokenizer.json} text a job broadcast: once per
 * JVM and JSON, then shared by the tasks (a {@link Tokenizer} is thread-safe).
 */
public final class ExecutorTokenizers {
    private static final ConcurrentHashMap<String, Tokenizer> CACHE = new ConcurrentHashMap<>();

    private ExecutorTokenizers() {
    }

    public static Tokenizer fromJson(String tokenizerJson) {
        return CACHE.computeIfAbsent(tokenizerJson, j -> TokenizerJson.fromJson(j, null));
    }
}
