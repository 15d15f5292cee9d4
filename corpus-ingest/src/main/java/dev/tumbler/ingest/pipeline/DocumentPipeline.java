package dev.tumbler.ingest.pipeline;

import dev.tumbler.ingest.dedup.MinHasher;
import dev.tumbler.ingest.dedup.TextNormalizer;
import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.extract.HtmlExtractor;
import dev.tumbler.ingest.filter.C4LineFilter;
import dev.tumbler.ingest.filter.DocumentFilter;
import dev.tumbler.ingest.filter.FilterResult;
import dev.tumbler.ingest.filter.GopherQualityFilter;
import dev.tumbler.ingest.filter.GopherRepetitionFilter;
import dev.tumbler.ingest.lang.LanguageFilter;
import dev.tumbler.ingest.pii.PiiScrubber;
import dev.tumbler.ingest.read.RawRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-document part of ingest, run on the executors: extraction, the configured filters in
 * order, PII scrubbing, then the dedup keys (content hash and MinHash signature). Every record
 * comes out as a {@link Document}; one that a step dropped carries that step and its reason, so
 * nothing is lost silently. A step that throws drops the document with reason {@code step_error}
 * instead of failing the job.
 */
public final class DocumentPipeline implements Serializable {
    private static final long serialVersionUID = 1L;

    private final IngestConfig config;
    private final String snapshot;
    private final HtmlExtractor extractor = new HtmlExtractor();
    private final List<DocumentFilter> filters;
    private final PiiScrubber pii;
    private final MinHasher minHasher;
    private StepTimes times;       // optional: where the time goes, per step

    public DocumentPipeline(IngestConfig config, String snapshot, long seed) {
        this.config = config;
        this.snapshot = snapshot;
        this.filters = buildFilters(config);
        this.pii = new PiiScrubber(config.pii());
        this.minHasher = new MinHasher(config.dedup().numHashes(), config.dedup().shingleWords(), seed);
    }

    /** Records the time of each step in {@code stepTimes} (a registered Spark accumulator). */
    public DocumentPipeline timedBy(StepTimes stepTimes) {
        this.times = stepTimes;
        return this;
    }

    private long tick(String step, long since) {
        long now = System.nanoTime();
        if (times != null) {
            times.add(step, now - since);
        }
        return now;
    }

    static List<DocumentFilter> buildFilters(IngestConfig config) {
        List<DocumentFilter> out = new ArrayList<>();
        for (String name : config.filters()) {
            out.add(switch (name) {
                case "language" -> new LanguageFilter(config.language());
                case "gopher_repetition" -> new GopherRepetitionFilter(config.gopherRepetition());
                case "gopher_quality" -> new GopherQualityFilter(config.gopherQuality());
                case "c4" -> new C4LineFilter(config.c4());
                default -> throw new IllegalArgumentException("ingest.filters: unknown filter '" + name + "'");
            });
        }
        return out;
    }

    /** Turns one raw record into a document, kept or dropped with a reason. */
    public Document process(RawRecord raw) {
        Document doc = new Document();
        doc.setInputFile(raw.inputFile());
        doc.setRecordIndex(raw.recordIndex());
        doc.setSource(raw.source());
        doc.setUrl(raw.url());
        doc.setSnapshot(snapshot);
        doc.setDocId(TextNormalizer.sha256Hex(raw.inputFile() + "\u0000" + raw.recordIndex() + "\u0000" + raw.url()));
        if (raw.rejected()) {
            doc.reject("read", raw.rejectReason(), raw.rejectDetail());
            return doc;
        }
        long t = System.nanoTime();
        boolean extracted = extract(raw, doc);
        t = tick("extract", t);
        if (!extracted || !runFilters(doc)) {
            return doc;
        }
        t = System.nanoTime();
        try {
            PiiScrubber.Result scrubbed = pii.scrub(doc.getText());
            doc.setText(scrubbed.text());
            doc.setPiiReplacements(scrubbed.total());
            doc.getQuality().put("pii_emails", (double) scrubbed.emails());
            doc.getQuality().put("pii_ipv4", (double) scrubbed.ipv4());
            doc.getQuality().put("pii_ipv6", (double) scrubbed.ipv6());
        } catch (RuntimeException e) {
            doc.reject("pii", "step_error", e.toString());
            return doc;
        }
        t = tick("pii", t);
        String text = doc.getText();
        doc.setNChars(text.length());
        doc.setNWords(countWords(text));
        doc.setContentHash(TextNormalizer.contentHash(text));
        doc.setMinhash(minHasher.signature(text));
        tick("dedup_keys", t);
        return doc;
    }

    private boolean extract(RawRecord raw, Document doc) {
        try {
            if (raw.html() != null) {
                dev.tumbler.ingest.extract.Extracted extracted = extractor.extract(raw.html(), raw.url());
                doc.setTitle(extracted.title());
                doc.setText(extracted.text());
            } else {
                doc.setTitle(raw.title());
                doc.setText(raw.text() == null ? "" : raw.text().strip());
            }
        } catch (RuntimeException e) {
            doc.setText("");
            doc.reject("extract", "step_error", e.toString());
            return false;
        }
        if (doc.getText().length() < Math.max(1, config.minTextChars())) {
            doc.reject("extract", "empty_text", "extracted " + doc.getText().length() + " chars");
            return false;
        }
        return true;
    }

    private boolean runFilters(Document doc) {
        for (DocumentFilter filter : filters) {
            FilterResult result;
            long t = System.nanoTime();
            try {
                result = filter.apply(doc);
            } catch (RuntimeException e) {
                doc.reject(filter.name(), "step_error", e.toString());
                return false;
            } finally {
                tick(filter.name(), t);
            }
            if (!result.keep()) {
                doc.reject(filter.name(), result.reason());
                return false;
            }
        }
        return true;
    }

    static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !inWord) {
                words++;
            }
            inWord = !ws;
        }
        return words;
    }
}
