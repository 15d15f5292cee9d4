package dev.tumbler.ingest.pipeline;

import dev.tumbler.ingest.dedup.DedupConfig;
import dev.tumbler.ingest.filter.C4LineFilter;
import dev.tumbler.ingest.filter.GopherQualityFilter;
import dev.tumbler.ingest.filter.GopherRepetitionFilter;
import dev.tumbler.ingest.lang.LanguageFilter;
import dev.tumbler.ingest.pii.PiiScrubber;
import dev.tumbler.ingest.read.ReaderOptions;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Everything the ingest job can be told, with defaults in code. Presets in {@code conf/ingest/*.yaml}
 * and {@code --set ingest.<key>=<value>} override these; {@link #validate()} names the bad option.
 *
 * @param filters          the document filters to run, in order (names of the filter steps)
 * @param minTextChars     documents with less extracted text are dropped ("extract"/"empty_text")
 * @param outputFileBytes  target size of one output Parquet file (in characters of text, roughly bytes)
 */
public record IngestConfig(
        ReaderOptions reader,
        List<String> filters,
        int minTextChars,
        LanguageFilter.Config language,
        GopherRepetitionFilter.Config gopherRepetition,
        GopherQualityFilter.Config gopherQuality,
        C4LineFilter.Config c4,
        PiiScrubber.Config pii,
        DedupConfig dedup,
        long outputFileBytes) implements Serializable {

    /** Filter step names that {@link #filters} may list. */
    public static final Set<String> KNOWN_FILTERS = Set.of("language", "gopher_repetition", "gopher_quality", "c4");

    public static IngestConfig defaults() {
        return new IngestConfig(ReaderOptions.defaults(),
                List.of("language", "gopher_repetition", "gopher_quality", "c4"),
                1,
                LanguageFilter.Config.defaults(),
                GopherRepetitionFilter.Config.defaults(),
                GopherQualityFilter.Config.defaults(),
                C4LineFilter.Config.defaults(),
                PiiScrubber.Config.defaults(),
                DedupConfig.defaults(),
                128L << 20);
    }

    /** Throws {@link IllegalArgumentException} naming the option ({@code ingest.<key>}) of the first bad value. */
    public void validate() {
        if (reader.maxDocumentBytes() < 1) {
            throw new IllegalArgumentException("ingest.reader.max_document_bytes must be >= 1, got " + reader.maxDocumentBytes());
        }
        for (String f : filters) {
            if (!KNOWN_FILTERS.contains(f)) {
                throw new IllegalArgumentException("ingest.filters: unknown filter '" + f + "'; known: "
                        + KNOWN_FILTERS.stream().sorted().toList());
            }
        }
        if (minTextChars < 0) {
            throw new IllegalArgumentException("ingest.min_text_chars must be >= 0, got " + minTextChars);
        }
        if (outputFileBytes < (1 << 20)) {
            throw new IllegalArgumentException("ingest.output_file_bytes must be >= 1048576, got " + outputFileBytes);
        }
        language.validate("ingest.language");
        gopherRepetition.validate("ingest.gopher_repetition");
        gopherQuality.validate("ingest.gopher_quality");
        c4.validate("ingest.c4");
        pii.validate("ingest.pii");
        dedup.validate("ingest.dedup");
    }
}
