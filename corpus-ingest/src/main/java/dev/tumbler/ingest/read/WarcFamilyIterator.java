package dev.tumbler.ingest.read;

import java.io.EOFException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Walks a WARC or WET file record by record and sorts out failures: a record header jwarc cannot
 * parse is a "malformed_record" (reading resumes at the next record when it can), a record whose
 * content cannot be parsed while its bytes are all there is a "malformed_record" too, and input that
 * ends or breaks mid-record is "truncated_input", which ends the file.
 */
abstract class WarcFamilyIterator extends StreamRecordIterator {
    protected final ReaderOptions options;
    private WarcRecordStream records;
    private boolean needResync;
    private long index;

    WarcFamilyIterator(InputFile file, Configuration conf, String source, ReaderOptions options) {
        super(file, conf, source);
        this.options = options;
    }

    /** The record to emit for {@code record}, or null to skip it (it is not a document). */
    protected abstract RawRecord convert(WarcRecord record, long index) throws IOException;

    @Override
    protected final RawRecord readNext() throws IOException {
        while (true) {
            if (records == null) {
                records = new WarcRecordStream(in);
            }
            if (needResync) {
                needResync = false;
                if (!records.resync()) {
                    return null;
                }
            }
            long recordIndex = index;
            WarcRecord record;
            try {
                record = records.next();
            } catch (IOException | RuntimeException e) {
                if (e instanceof EOFException || in.failure() != null) {
                    return truncated(e);
                }
                rethrowSourceFailure(e);
                index++;
                needResync = true;
                return reject(recordIndex, null, 0, "malformed_record", describe(e));
            }
            if (record == null) {
                return null;
            }
            index++;
            try {
                RawRecord out = convert(record, recordIndex);
                if (out != null) {
                    return out;
                }
            } catch (IOException | RuntimeException e) {
                if (in.failure() != null) {
                    return truncated(e);
                }
                rethrowSourceFailure(e);
                try {
                    record.body().consume();
                } catch (IOException end) {
                    return truncated(end);
                }
                return reject(recordIndex, target(record), 0, "malformed_record", describe(e));
            }
        }
    }

    static String target(WarcRecord record) {
        return record instanceof WarcTargetRecord t ? t.target() : null;
    }
}
