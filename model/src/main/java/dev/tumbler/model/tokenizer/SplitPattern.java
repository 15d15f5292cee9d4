package dev.tumbler.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pre-tokenization regexes of the tiktoken encodings, each with a hand-written scanner that finds
 * exactly the chunks java.util.regex finds with {@link #compile()} (much faster than the regex).
 */
public enum SplitPattern {
    /** r50k / p50k (GPT-2). */
    GPT2("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            new Gpt2Scanner()),
    /** cl100k (GPT-4). */
    CL100K("'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*"
            + "|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+", new Cl100kScanner()),
    /** o200k (GPT-4o). */
    O200K("[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+"
            + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
            + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*"
            + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", new O200kScanner());

    private final String regex;
    private final ChunkScanner scanner;

    SplitPattern(String regex, ChunkScanner scanner) {
        this.regex = regex;
        this.scanner = scanner;
    }

    /** The pattern as tiktoken and HF tokenizers write it. */
    public String regex() {
        return regex;
    }

    /** The regex for java.util.regex, with Unicode {@code \s} as in tiktoken. */
    public Pattern compile() {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** Reports the chunks of {@code utf8[from, to)}, which must be well-formed UTF-8, in order. */
    public void split(byte[] utf8, int from, int to, ChunkConsumer out) {
        scanner.split(utf8, from, to, out);
    }

    /** The chunks of a text (lone surrogates become {@code ?}, as in {@link String#getBytes}). */
    public List<String> split(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<String> chunks = new ArrayList<>();
        split(utf8, 0, utf8.length, (s, e) -> chunks.add(new String(utf8, s, e - s, StandardCharsets.UTF_8)));
        return chunks;
    }

    /** The pattern whose regex is exactly {@code regex}, or null. */
    public static SplitPattern forRegex(String regex) {
        for (SplitPattern p : values()) {
            if (p.regex.equals(regex)) {
                return p;
            }
        }
        return null;
    }
}
