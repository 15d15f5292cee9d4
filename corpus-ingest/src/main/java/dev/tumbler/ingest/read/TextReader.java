package dev.tumbler.ingest.read;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads plain UTF-8 text by {@link ReaderOptions.TextMode}: FILE (the whole file is one document,
 * url = file URI), PARAGRAPH (documents separated by blank lines, record index = ordinal of the
 * paragraph) or LINE (one document per non-blank line, record index = line number). Text is decoded
 * strictly. Rejections: "invalid_utf8", "too_large" (over {@code maxDocumentBytes}; counted, never
 * held), "truncated_input", "empty_file".
 */
public final class TextReader implements RecordReader {
    private static final long serialVersionUID = 1L;
    private final ReaderOptions options;

    public TextReader(ReaderOptions options) {
        this.options = options;
    }

    @Override
    public Iterator<RawRecord> read(InputFile file, Configuration hadoopConf) {
        return new Records(file, hadoopConf, options);
    }

    private static final class Records extends StreamRecordIterator {
        private final ReaderOptions options;
        private final StrictUtf8 utf8 = new StrictUtf8();
        private LineSource lines;
        private boolean fileDone;
        private long paragraphs;

        Records(InputFile file, Configuration conf, ReaderOptions options) {
            super(file, conf, "text");
            this.options = options;
        }

        @Override
        protected RawRecord readNext() throws IOException {
            return switch (options.textMode()) {
                case FILE -> wholeFile();
                case LINE -> nextLine();
                case PARAGRAPH -> nextParagraph();
            };
        }

        private RawRecord wholeFile() throws IOException {
            if (fileDone) {
                return null;
            }
            fileDone = true;
            CappedBytes all = CappedBytes.read(in, options.maxDocumentBytes(), true);
            if (all.overCap()) {
                return reject(0, file.uri(), all.size, "too_large", tooLarge(all.size));
            }
            return text(0, file.uri(), all.bytes, all.bytes.length);
        }

        private RawRecord nextLine() throws IOException {
            if (lines == null) {
                lines = new LineSource(in, options.maxDocumentBytes());
            }
            while (lines.next()) {
                if (lines.blank()) {
                    continue;
                }
                long index = lines.lineNumber();
                if (lines.tooLong()) {
                    return reject(index, null, lines.lineBytes(), "too_large", tooLarge(lines.lineBytes()));
                }
                return text(index, null, lines.bytes(), lines.length());
            }
            return null;
        }

        private RawRecord nextParagraph() throws IOException {
            if (lines == null) {
                lines = new LineSource(in, options.maxDocumentBytes());
            }
            StringBuilder paragraph = new StringBuilder();
            long bytes = 0;
            boolean tooLarge = false;
            String badUtf8 = null;
            boolean any = false;
            while (lines.next()) {
                if (lines.blank()) {
                    if (any) {
                        break;
                    }
                    continue;
                }
                any = true;
                bytes += lines.lineBytes() + (bytes > 0 ? 1 : 0);
                if (tooLarge || lines.tooLong() || bytes > options.maxDocumentBytes()) {
                    tooLarge = true;
                    paragraph.setLength(0);
                    paragraph.trimToSize();
                    continue;
                }
                if (badUtf8 != null) {
                    continue;
                }
                try {
                    String line = utf8.decode(lines.bytes(), 0, lines.length());
                    if (paragraph.length() > 0) {
                        paragraph.append('\n');
                    }
                    paragraph.append(line);
                } catch (CharacterCodingException e) {
                    badUtf8 = StrictUtf8.detail(e);
                }
            }
            if (!any) {
                return null;
            }
            long index = paragraphs++;
            if (tooLarge) {
                return reject(index, null, bytes, "too_large", tooLarge(bytes));
            }
            if (badUtf8 != null) {
                return reject(index, null, bytes, "invalid_utf8", badUtf8);
            }
            return RawRecord.text(file.uri(), index, source, null, null, paragraph.toString(), bytes);
        }

        private RawRecord text(long index, String url, byte[] bytes, int length) {
            try {
                return RawRecord.text(file.uri(), index, source, url, null, utf8.decode(bytes, 0, length), length);
            } catch (CharacterCodingException e) {
                return reject(index, url, length, "invalid_utf8", StrictUtf8.detail(e));
            }
        }

        private String tooLarge(long bytes) {
            return bytes + " bytes > maxDocumentBytes " + options.maxDocumentBytes();
        }
    }
}
