package dev.tumbler.ingest.read;

import java.io.Serializable;
import java.util.Objects;

/**
 * One input file: the unit of work an executor reads. {@code uri} is any Hadoop FileSystem URI.
 * A plain class rather than a record: Spark ships it to executors with Kryo, whose field serializer
 * cannot set a record's final fields.
 */
public final class InputFile implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String uri;
    private final long sizeBytes;
    private final InputFormat format;
    private final long modifiedMillis;   // 0 when unknown
    private final String etag;           // null when the file system has none

    public InputFile(String uri, long sizeBytes, InputFormat format) {
        this(uri, sizeBytes, format, 0L, null);
    }

    /** A file with its modification time and, on object stores that have one, its ETag (for the refresh ledger). */
    public InputFile(String uri, long sizeBytes, InputFormat format, long modifiedMillis, String etag) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.sizeBytes = sizeBytes;
        this.format = Objects.requireNonNull(format, "format");
        this.modifiedMillis = modifiedMillis;
        this.etag = etag;
    }

    /** Modification time in ms since the epoch, 0 when unknown. */
    public long modifiedMillis() {
        return modifiedMillis;
    }

    /** The object store's ETag, or null. */
    public String etag() {
        return etag;
    }

    public String uri() {
        return uri;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public InputFormat format() {
        return format;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputFile f && f.uri.equals(uri) && f.sizeBytes == sizeBytes && f.format == format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, sizeBytes, format);
    }

    @Override
    public String toString() {
        return "InputFile[" + uri + ", " + sizeBytes + " bytes, " + format + "]";
    }
}
