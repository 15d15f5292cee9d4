package dev.tumbler.ingest.read;

import java.io.Serializable;

/** Settings shared by the readers; defaults live in {@code conf/ingest/default.yaml}. */
public record ReaderOptions(
        long maxDocumentBytes,   // a larger payload is rejected as "too_large" without being held in memory
        String jsonlTextField,   // JSONL field holding the text
        String jsonlUrlField,    // JSONL field holding the URL (optional in each line)
        String jsonlTitleField,  // JSONL field holding the title (optional in each line)
        String parquetTextColumn,
        String parquetUrlColumn, // optional column; missing column means no URL
        TextMode textMode)       // how a plain text file splits into documents
        implements Serializable {

    /** How a plain text file becomes documents. */
    public enum TextMode { FILE, PARAGRAPH, LINE }

    public static ReaderOptions defaults() {
        return new ReaderOptions(8L << 20, "text", "url", "title", "text", "url", TextMode.FILE);
    }
}
