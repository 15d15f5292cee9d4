package dev.tumbler.ingest.read;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Reads WET files (WARC files of extracted text, as Common Crawl publishes them) into text records:
 * one per {@code conversion} record, decoded as strict UTF-8, with url = {@code WARC-Target-URI}.
 * Other record types ({@code warcinfo}, ...) are not documents and are skipped. Rejections:
 * "too_large", "invalid_utf8", "malformed_record", "truncated_input", "empty_file".
 */
public final class WetReader implements RecordReader {
    private static final long serialVersionUID = 1L;
    private final ReaderOptions options;

    public WetReader(ReaderOptions options) {
        this.options = options;
    }

    @Override
    public Iterator<RawRecord> read(InputFile file, Configuration hadoopConf) {
        return new Records(file, hadoopConf, options);
    }

    private static final class Records extends WarcFamilyIterator {
        private final StrictUtf8 utf8 = new StrictUtf8();

        Records(InputFile file, Configuration conf, ReaderOptions options) {
            super(file, conf, "wet", options);
        }

        @Override
        protected RawRecord convert(WarcRecord record, long index) throws IOException {
            if (!(record instanceof WarcConversion conversion)) {
                return null;
            }
            String url = conversion.target();
            long size = conversion.body().size();
            if (size > options.maxDocumentBytes()) {
                return reject(index, url, size, "too_large",
                        size + " bytes > maxDocumentBytes " + options.maxDocumentBytes());
            }
            CappedBytes payload = CappedBytes.read(conversion.body().stream(), options.maxDocumentBytes(), false);
            if (payload.overCap()) {
                return reject(index, url, payload.size, "too_large",
                        "payload > maxDocumentBytes " + options.maxDocumentBytes());
            }
            String text;
            try {
                text = utf8.decode(payload.bytes, 0, payload.bytes.length);
            } catch (CharacterCodingException e) {
                return reject(index, url, payload.bytes.length, "invalid_utf8", StrictUtf8.detail(e));
            }
            return RawRecord.text(file.uri(), index, source, url, null, text, payload.bytes.length);
        }
    }
}
