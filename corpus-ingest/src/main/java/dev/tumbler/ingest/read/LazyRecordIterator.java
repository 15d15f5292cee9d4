package dev.tumbler.ingest.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;

/**
 * The skeleton of every reader's iterator: opens the file on first use, pulls one record at a time,
 * and closes the file when the records run out or reading fails. A failure of the file system itself
 * escapes as {@link UncheckedIOException} (so the task is retried); bad content becomes rejections.
 */
abstract class LazyRecordIterator implements Iterator<RawRecord> {
    protected final InputFile file;
    protected final Configuration conf;
    protected final String source;
    private RawRecord pending;
    private boolean started;
    private boolean stopping;
    private boolean finished;

    LazyRecordIterator(InputFile file, Configuration conf, String source) {
        this.file = file;
        this.conf = conf;
        this.source = source;
    }

    /** Opens the file; called once, before the first {@link #advance()}. */
    protected abstract void open() throws IOException;

    /** The next record, or null at the end of the file. */
    protected abstract RawRecord advance() throws IOException;

    /** Releases what {@link #open()} acquired; must not throw. */
    protected abstract void release();

    /** Ends the file after the record being returned now. */
    protected final void stop() {
        stopping = true;
    }

    @Override
    public final boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        if (stopping) {
            finish();
            return false;
        }
        try {
            if (!started) {
                started = true;
                open();
            }
            pending = advance();
        } catch (IOException e) {
            finish();
            throw new UncheckedIOException("failed reading " + file.uri(), e);
        } catch (RuntimeException | Error e) {
            finish();
            throw e;
        }
        if (pending == null) {
            finish();
            return false;
        }
        return true;
    }

    @Override
    public final RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord r = pending;
        pending = null;
        return r;
    }

    private void finish() {
        if (!finished) {
            finished = true;
            if (started) {
                release();
            }
        }
    }

    protected final RawRecord reject(long index, String url, long bytes, String reason, String detail) {
        return RawRecord.rejected(file.uri(), index, source, url, bytes, reason, detail);
    }

    /** A file-level rejection (record index -1) after which the file ends. */
    protected final RawRecord rejectFile(String reason, String detail) {
        stop();
        return reject(-1, null, 0, reason, detail);
    }

    /** Rethrows a file system failure found in {@code e}'s causes; returns otherwise. */
    protected static void rethrowSourceFailure(Throwable e) throws SourceIOException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceIOException s) {
                throw s;
            }
        }
    }

    protected static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
