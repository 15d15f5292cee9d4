package dev.tumbler.ingest.read;

import java.io.Serializable;

/**
 * One record as a reader found it, before extraction. Exactly one of {@link #html}, {@link #text}
 * is set for a good record; a bad record has neither and carries {@link #rejectReason} instead,
 * so nothing a reader meets is lost silently.
 */
public record RawRecord(
        String inputFile,     // the file URI
        long recordIndex,     // ordinal of the record in the file (0-based); file-level problems use -1
        String source,        // warc, wet, jsonl, text, parquet
        String url,           // target URI when known, else null
        String title,         // a title field when the format has one (JSONL), else null
        String html,          // decoded HTML payload (WARC responses), else null
        String text,          // plain text (WET, JSONL, text, Parquet), else null
        long payloadBytes,    // size of the payload in bytes as read
        String rejectReason,  // null for a good record, e.g. "truncated_gzip", "invalid_utf8"
        String rejectDetail)  // human-readable detail for the rejection, else null
        implements Serializable {

    public boolean rejected() {
        return rejectReason != null;
    }

    public static RawRecord html(String file, long index, String source, String url, String html, long bytes) {
        return new RawRecord(file, index, source, url, null, html, null, bytes, null, null);
    }

    public static RawRecord text(String file, long index, String source, String url, String title, String text, long bytes) {
        return new RawRecord(file, index, source, url, title, null, text, bytes, null, null);
    }

    public static RawRecord rejected(String file, long index, String source, String url, long bytes,
                                     String reason, String detail) {
        return new RawRecord(file, index, source, url, null, null, null, bytes, reason, detail);
    }
}
