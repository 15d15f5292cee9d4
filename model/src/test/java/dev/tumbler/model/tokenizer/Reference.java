package dev.tumbler.model.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The OpenAI rank files that jtokkit bundles, loaded once into Tumbler tokenizers. */
final class Reference {
    private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

    private Reference() {
    }

    /** Copies {@code name.tiktoken} out of the jtokkit jar into a temporary directory. */
    static Path rankFile(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/com/knuddels/jtokkit/" + name + ".tiktoken")) {
            if (in == null) {
                throw new IllegalStateException(name + ".tiktoken is not on the test classpath");
            }
            Path dir = Files.createTempDirectory("tiktoken");
            Path file = dir.resolve(name + ".tiktoken");
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tokenizer tumbler(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try {
                return TiktokenFiles.load(rankFile(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
