package dev.tumbler.ingest.read;

import java.io.IOException;

/**
 * An I/O failure of the file system itself (not of the bytes it returned). Readers let it escape as
 * an {@link java.io.UncheckedIOException} so that the task can be retried, instead of rejecting content.
 */
final class SourceIOException extends IOException {
    private static final long serialVersionUID = 1L;

    private SourceIOException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    static SourceIOException wrap(IOException e) {
        return e instanceof SourceIOException s ? s : new SourceIOException(e);
    }
}
