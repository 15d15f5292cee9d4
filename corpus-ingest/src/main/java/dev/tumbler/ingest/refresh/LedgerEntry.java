package dev.tumbler.ingest.refresh;

import dev.tumbler.ingest.read.InputFile;

/**
 * One processed input file in the {@link InputLedger}: its URI, size, modification time and (on
 * object stores) ETag, and the snapshot that processed it.
 *
 * @param uri            the file's URI as listed
 * @param bytes          its size when processed
 * @param modifiedMillis its modification time when processed (ms since the epoch, 0 when unknown)
 * @param etag           its ETag when processed, or null where the file system has none
 * @param snapshot       the corpus version ({@code corpus/NAME/vN}) that ingested it
 */
public record LedgerEntry(String uri, long bytes, long modifiedMillis, String etag, String snapshot) {

    static LedgerEntry of(InputFile file, String snapshot) {
        return new LedgerEntry(file.uri(), file.sizeBytes(), file.modifiedMillis(), file.etag(), snapshot);
    }

    /**
     * True when {@code file} is the same content as this entry: same URI and size, and the same ETag
     * where both have one, otherwise the same modification time.
     */
    public boolean matches(InputFile file) {
        if (!uri.equals(file.uri()) || bytes != file.sizeBytes()) {
            return false;
        }
        if (etag != null && file.etag() != null) {
            return etag.equals(file.etag());
        }
        return modifiedMillis == file.modifiedMillis();
    }
}
