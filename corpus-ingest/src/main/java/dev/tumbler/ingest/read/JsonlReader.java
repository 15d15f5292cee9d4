package dev.tumbler.ingest.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads JSON Lines: one JSON object per line, text from {@code jsonlTextField}, url and title from the
 * optional {@code jsonlUrlField}, {@code jsonlTitleField}. The record index is the 0-based line number;
 * blank lines are not records and are skipped. Rejections: "invalid_json" (not one JSON object),
 * "missing_text_field" (absent, null or not a string), "invalid_utf8", "too_large" (a line over
 * {@code maxDocumentBytes}, counted but never held), "truncated_input", "empty_file".
 */
public final class JsonlReader implements RecordReader {
    private static final long serialVersionUID = 1L;
    private static final ObjectReader JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(JsonNode.class);

    private final ReaderOptions options;

    public JsonlReader(ReaderOptions options) {
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

        Records(InputFile file, Configuration conf, ReaderOptions options) {
            super(file, conf, "jsonl");
            this.options = options;
        }

        @Override
        protected RawRecord readNext() throws IOException {
            if (lines == null) {
                lines = new LineSource(in, options.maxDocumentBytes());
            }
            while (lines.next()) {
                if (!lines.blank()) {
                    return parse();
                }
            }
            return null;
        }

        private RawRecord parse() {
            long index = lines.lineNumber();
            long bytes = lines.lineBytes();
            if (lines.tooLong()) {
                return reject(index, null, bytes, "too_large",
                        "line of " + bytes + " bytes > maxDocumentBytes " + options.maxDocumentBytes());
            }
            String line;
            try {
                line = utf8.decode(lines.bytes(), 0, lines.length());
            } catch (CharacterCodingException e) {
                return reject(index, null, bytes, "invalid_utf8", StrictUtf8.detail(e));
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return reject(index, null, bytes, "invalid_json", e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                return reject(index, null, bytes, "invalid_json",
                        "line is " + (node == null ? "empty" : node.getNodeType().toString().toLowerCase(Locale.ROOT)) + ", not an object");
            }
            String url = textOrNull(node, options.jsonlUrlField());
            JsonNode text = node.get(options.jsonlTextField());
            if (text == null || !text.isTextual()) {
                return reject(index, url, bytes, "missing_text_field", "field \"" + options.jsonlTextField() + "\" is "
                        + (text == null ? "absent" : text.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            String title = textOrNull(node, options.jsonlTitleField());
            return RawRecord.text(file.uri(), index, source, url, title, text.textValue(), bytes);
        }

        private static String textOrNull(JsonNode node, String field) {
            if (field == null) {
                return null;
            }
            JsonNode value = node.get(field);
            return value != null && value.isTextual() ? value.textValue() : null;
        }
    }
}
