package dev.tumbler.ingest.read;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * An iterator over a decompressed byte stream (WARC, WET, JSONL, text). It reports an empty file as
 * one "empty_file" rejection and a stream that breaks off (gzip/zstd error, unexpected end) as one
 * "truncated_input" rejection at record index -1, after the records read before it.
 */
abstract class StreamRecordIterator extends LazyRecordIterator {
    protected TrackedInputStream in;
    private boolean checkedEmpty;

    StreamRecordIterator(InputFile file, Configuration conf, String source) {
        super(file, conf, source);
    }

    /** The next record from {@link #in}, or null at its end. */
    protected abstract RawRecord readNext() throws IOException;

    @Override
    protected final void open() throws IOException {
        in = CompressedInput.openTracked(file.uri(), conf);
    }

    @Override
    protected final RawRecord advance() throws IOException {
        try {
            if (!checkedEmpty) {
                checkedEmpty = true;
                if (in.atEnd()) {
                    return rejectFile("empty_file", "no bytes after decompression");
                }
            }
            return readNext();
        } catch (IOException e) {
            return truncated(e);
        }
    }

    /** One "truncated_input" rejection ending the file; a file system failure is rethrown instead. */
    protected final RawRecord truncated(Throwable e) throws SourceIOException {
        rethrowSourceFailure(e);
        return rejectFile("truncated_input", describe(e));
    }

    @Override
    protected void release() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it
        }
    }
}
