package dev.tumbler.bench;

import dev.tumbler.ingest.extract.HtmlExtractor;
import dev.tumbler.ingest.read.InputFile;
import dev.tumbler.ingest.read.InputFormat;
import dev.tumbler.ingest.read.RawRecord;
import dev.tumbler.ingest.read.ReaderOptions;
import dev.tumbler.ingest.read.Readers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * The text of the tokenizer benchmark: real documents of the sample cache, read and extracted with the
 * ingest's own readers. Europarl speeches (JSONL), the Debian HTML pages (WARC, extracted to text) and the
 * Common Crawl WET texts when present, mixed so that each source has had about as many bytes as the others
 * at any point of the list, up to a byte cap.
 */
public final class BenchTexts {
    /** One document: where it came from, its text and its UTF-8 size. */
    public record Doc(String source, String text, int bytes) {
    }

    private final Path samples;
    private final long maxBytes;
    private final HtmlExtractor extractor = new HtmlExtractor();
    private final Configuration conf = new Configuration();

    private BenchTexts(Path samples, long maxBytes) {
        this.samples = samples;
        this.maxBytes = maxBytes;
    }

    /** At most {@code maxBytes} of UTF-8 text from the sample cache {@code samples}, sources interleaved. */
    public static List<Doc> load(Path samples, long maxBytes) {
        if (!Files.isDirectory(samples)) {
            throw new IllegalArgumentException("--samples " + samples + " does not exist; run './tumbler samples fetch' first");
        }
        BenchTexts texts = new BenchTexts(samples, maxBytes);
        Map<String, List<Doc>> bySource = new LinkedHashMap<>();
        bySource.put("europarl", texts.read("europarl", "europarl", InputFormat.JSONL, "europarl.jsonl"));
        bySource.put("debian-html", texts.read("debian-html", "debian-html", InputFormat.WARC, ".warc.gz"));
        bySource.put("commoncrawl-wet", texts.read("commoncrawl-wet", "commoncrawl", InputFormat.WET, ".wet"));
        bySource.values().removeIf(List::isEmpty);
        if (bySource.isEmpty()) {
            throw new IllegalArgumentException("--samples " + samples + " holds no Europarl, Debian HTML or WET text; "
                    + "run './tumbler samples fetch' first");
        }
        return interleave(bySource, maxBytes);
    }

    /** Takes the next document of the source with the fewest bytes taken so far, until the cap. */
    private static List<Doc> interleave(Map<String, List<Doc>> bySource, long maxBytes) {
        List<Iterator<Doc>> sources = new ArrayList<>();
        bySource.values().forEach(docs -> sources.add(docs.iterator()));
        long[] taken = new long[sources.size()];
        List<Doc> out = new ArrayList<>();
        long total = 0;
        while (true) {
            int next = -1;
            for (int s = 0; s < sources.size(); s++) {
                if (sources.get(s).hasNext() && (next < 0 || taken[s] < taken[next])) {
                    next = s;
                }
            }
            if (next < 0) {
                return out;
            }
            Doc doc = sources.get(next).next();
            if (total + doc.bytes() > maxBytes) {
                return out;
            }
            out.add(doc);
            taken[next] += doc.bytes();
            total += doc.bytes();
        }
    }

    /** The non-empty texts of the files in {@code samples/dir} whose names end with {@code suffix}, up to the cap. */
    private List<Doc> read(String source, String dir, InputFormat format, String suffix) {
        List<Doc> docs = new ArrayList<>();
        long bytes = 0;
        for (Path file : files(samples.resolve(dir), suffix)) {
            Iterator<RawRecord> records = Readers.forFormat(format, ReaderOptions.defaults())
                    .read(new InputFile(file.toUri().toString(), size(file), format), conf);
            // Read every file to its end, so that the reader closes it, but stop extracting at the cap.
            while (records.hasNext()) {
                RawRecord r = records.next();
                if (r.rejected() || bytes >= maxBytes) {
                    continue;
                }
                String text = r.html() != null ? extractor.extract(r.html(), r.url()).text() : r.text();
                if (text != null && !text.isBlank()) {
                    Doc doc = new Doc(source, text, text.getBytes(StandardCharsets.UTF_8).length);
                    docs.add(doc);
                    bytes += doc.bytes();
                }
            }
        }
        return docs;
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("--samples: " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("--samples: " + e.getMessage(), e);
        }
    }
}
