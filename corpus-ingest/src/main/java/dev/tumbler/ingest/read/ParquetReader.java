package dev.tumbler.ingest.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet files with parquet-hadoop, row group by row group, projecting only the text column
 * ({@code parquetTextColumn}, a top-level string/binary column) and the optional url column
 * ({@code parquetUrlColumn}; absent means no URL). The record index is the row number. Rejections:
 * "missing_text_column" (once for the file, index -1), "missing_text_field" (null value),
 * "too_large", "invalid_utf8", "truncated_input" (footer or pages unreadable), "empty_file" (0 bytes
 * or 0 rows). Parquet decodes a page at a time, so an oversized value is rejected after it was read;
 * other I/O failures escape, as for the other readers, so that the task is retried.
 */
public final class ParquetReader implements RecordReader {
    private static final long serialVersionUID = 1L;
    private final ReaderOptions options;

    public ParquetReader(ReaderOptions options) {
        this.options = options;
    }

    @Override
    public Iterator<RawRecord> read(InputFile file, Configuration hadoopConf) {
        return new Records(file, hadoopConf, options);
    }

    private static final class Records extends LazyRecordIterator {
        private final ReaderOptions options;
        private final StrictUtf8 utf8 = new StrictUtf8();
        private ParquetFileReader reader;
        private MessageType projection;
        private MessageType fileSchema;
        private org.apache.parquet.io.RecordReader<Group> rows;
        private long rowsLeftInGroup;
        private long row;
        private boolean first = true;

        Records(InputFile file, Configuration conf, ReaderOptions options) {
            super(file, conf, "parquet");
            this.options = options;
        }

        @Override
        protected void open() {
            // opened lazily in advance(), where a bad footer can become a rejection
        }

        @Override
        protected RawRecord advance() throws IOException {
            try {
                if (first) {
                    first = false;
                    return start();
                }
                while (rowsLeftInGroup == 0) {
                    PageReadStore pages = reader.readNextRowGroup();
                    if (pages == null) {
                        return null;
                    }
                    rowsLeftInGroup = pages.getRowCount();
                    rows = new ColumnIOFactory().getColumnIO(projection, fileSchema)
                            .getRecordReader(pages, new GroupRecordConverter(projection));
                }
                rowsLeftInGroup--;
                return convert(rows.read(), row++);
            } catch (EOFException | RuntimeException e) {
                return rejectFile("truncated_input", describe(e));
            }
        }

        /** Opens the file and checks it; returns a file-level rejection, or the first row. */
        private RawRecord start() throws IOException {
            Path path = new Path(file.uri());
            long length = path.getFileSystem(conf).getFileStatus(path).getLen();
            if (length == 0) {
                return rejectFile("empty_file", "0 bytes");
            }
            reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf));
            fileSchema = reader.getFooter().getFileMetaData().getSchema();
            String problem = textColumnProblem(fileSchema, options.parquetTextColumn());
            if (problem != null) {
                return rejectFile("missing_text_column", problem);
            }
            List<Type> fields = new ArrayList<>(2);
            fields.add(fileSchema.getType(options.parquetTextColumn()));
            String urlColumn = options.parquetUrlColumn();
            if (urlColumn != null && textColumnProblem(fileSchema, urlColumn) == null
                    && !urlColumn.equals(options.parquetTextColumn())) {
                fields.add(fileSchema.getType(urlColumn));
            }
            projection = new MessageType(fileSchema.getName(), fields);
            reader.setRequestedSchema(projection);
            if (reader.getRecordCount() == 0) {
                return rejectFile("empty_file", "0 rows");
            }
            return advance();
        }

        private static String textColumnProblem(MessageType schema, String column) {
            if (column == null || !schema.containsField(column)) {
                return "no column \"" + column + "\" in schema " + schema.getFields().stream().map(Type::getName).toList();
            }
            Type type = schema.getType(column);
            if (!type.isPrimitive()
                    || type.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY
                    || type.isRepetition(Type.Repetition.REPEATED)) {
                return "column \"" + column + "\" is " + type + ", not a string";
            }
            return null;
        }

        private RawRecord convert(Group group, long index) {
            String url = null;
            String urlColumn = options.parquetUrlColumn();
            if (projection.getFieldCount() > 1 && group.getFieldRepetitionCount(urlColumn) > 0) {
                url = group.getBinary(urlColumn, 0).toStringUsingUTF8();
            }
            String column = options.parquetTextColumn();
            if (group.getFieldRepetitionCount(column) == 0) {
                return reject(index, url, 0, "missing_text_field", "column \"" + column + "\" is null");
            }
            Binary value = group.getBinary(column, 0);
            int bytes = value.length();
            if (bytes > options.maxDocumentBytes()) {
                return reject(index, url, bytes, "too_large",
                        bytes + " bytes > maxDocumentBytes " + options.maxDocumentBytes());
            }
            try {
                return RawRecord.text(file.uri(), index, source, url, null, utf8.decode(value.toByteBuffer()), bytes);
            } catch (CharacterCodingException e) {
                return reject(index, url, bytes, "invalid_utf8", StrictUtf8.detail(e));
            }
        }

        @Override
        protected void release() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // nothing more to read from it
                }
            }
        }
    }
}
