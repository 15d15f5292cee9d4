package dev.tumbler.tokenize;

import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.jobs.HadoopConfs;
import dev.tumbler.jobs.RunContext;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerFiles;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Loading a tokenizer given as an artifact ref or a file, and the stdin/stdout side of encode and decode. */
public final class TokenizerIO {
    private TokenizerIO() {
    }

    /**
     * Loads {@code refOrPath}: an existing local file ({@code tokenizer.json} or {@code .tiktoken}),
     * else an artifact ref {@code tokenizer/NAME[/vN]} in the store.
     */
    public static Tokenizer load(RunContext context, String refOrPath, String pattern) throws IOException {
        SplitPattern override = pattern == null ? null : parsePattern(pattern, "--pattern");
        Path file = Path.of(refOrPath);
        if (Files.isRegularFile(file)) {
            return override == null ? TokenizerFiles.load(file) : TokenizerFiles.load(file, override);
        }
        ArtifactRef ref;
        try {
            ref = ArtifactRef.parse(refOrPath);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tokenizer: '" + refOrPath
                    + "' is neither a file nor an artifact ref (tokenizer/NAME[/vN])");
        }
        if (ref.kind() != ArtifactKind.TOKENIZER) {
            throw new IllegalArgumentException("--tokenizer: " + ref + " is a " + ref.kind() + " artifact, not a tokenizer");
        }
        ArtifactStore store = context.openStore(HadoopConfs.fromSystemProperties());
        return TokenizerArtifact.read(store, store.resolve(ref)).load(store);
    }

    /** Parses a split pattern name, naming {@code option} when it is unknown. */
    public static SplitPattern parsePattern(String name, String option) {
        try {
            return SplitPattern.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": unknown split pattern '" + name + "'; known: "
                    + java.util.Arrays.toString(SplitPattern.values()));
        }
    }

    /** Encodes all of {@code in} (strict UTF-8) and prints the ids separated by spaces. */
    public static void encodeStdin(Tokenizer tokenizer, boolean allowSpecial, InputStream in, PrintStream out)
            throws IOException {
        byte[] bytes = in.readAllBytes();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("stdin is not valid UTF-8: " + e.getMessage());
        }
        int[] ids = allowSpecial ? tokenizer.encode(text, tokenizer.specialTokens().keySet()) : tokenizer.encode(text);
        StringBuilder sb = new StringBuilder(ids.length * 6);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ids[i]);
        }
        out.println(sb);
        out.flush();
    }

    /** Decodes whitespace-separated ids from {@code in} and writes their bytes, unchanged, to {@code out}. */
    public static void decodeStdin(Tokenizer tokenizer, InputStream in, OutputStream out) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            return;
        }
        String[] parts = text.split("\\s+");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("stdin: '" + parts[i] + "' is not a token id");
            }
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write(tokenizer.decodeBytes(ids));
        buf.writeTo(out);
        out.flush();
    }
}
