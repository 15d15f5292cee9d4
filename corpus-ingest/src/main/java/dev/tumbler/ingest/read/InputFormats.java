package dev.tumbler.ingest.read;

import java.util.Locale;

/** Detects the {@link InputFormat} of a file from its name, after any compression suffix. */
public final class InputFormats {

    private InputFormats() {
    }

    /**
     * The format of {@code uri}: {@code .warc} → WARC; {@code .wet}, {@code .warc.wet} → WET;
     * {@code .jsonl}, {@code .json}, {@code .ndjson} → JSONL; {@code .txt}, {@code .text} → TEXT;
     * {@code .parquet} → PARQUET; each optionally followed by {@code .gz}, {@code .zst} or {@code .zstd}.
     *
     * @throws IllegalArgumentException when the name has none of these suffixes
     */
    /** True when {@link #detect} knows the format of {@code uri}. */
    public static boolean known(String uri) {
        try {
            detect(uri);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static InputFormat detect(String uri) {
        String name = CompressedInput.stripCompressionSuffix(uri).toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        name = name.substring(slash + 1);
        if (name.endsWith(".wet")) {
            return InputFormat.WET;
        }
        if (name.endsWith(".warc")) {
            return InputFormat.WARC;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            return InputFormat.JSONL;
        }
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return InputFormat.TEXT;
        }
        if (name.endsWith(".parquet")) {
            return InputFormat.PARQUET;
        }
        throw new IllegalArgumentException("cannot tell the input format of " + uri
                + " (expected .warc, .wet, .jsonl, .json, .ndjson, .txt, .text or .parquet,"
                + " optionally with .gz, .zst or .zstd)");
    }
}
