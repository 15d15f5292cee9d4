package dev.tumbler.shard;

import dev.tumbler.model.data.TokenWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The windows of global rows {@code [from, to)} of a {@link RowGroupIndex}, read lazily on an executor: it opens only
 * the row groups that hold those rows (one {@code ParquetFileReader} per file, reading the blocks by index), reads only
 * the decoder's columns, and skips the rows of the first group before {@code from}. A file is closed once its last
 * wanted row group is read, or when {@link #close()} is called.
 */
public final class RowGroupWindows implements Iterator<TokenWindow>, AutoCloseable {
    private static final AtomicLong OPENED = new AtomicLong();

    private final RowGroupIndex index;
    private final Configuration conf;
    private final WindowDecoder decoder;    // null when only rows are read ({@link #nextRow})
    private final List<String> columns;
    private final long to;
    private long row;                       // global row of the next window
    private long groupLeft;                 // rows of it not yet read
    private ParquetFileReader reader;
    private String readerFile;
    private RecordReader<Group> records;

    public RowGroupWindows(RowGroupIndex index, Configuration conf, WindowDecoder decoder, long from, long to) {
        this(index, conf, decoder, decoder.columns(), from, to);
    }

    /** The raw rows (columns {@code columns} only) of global rows {@code [from, to)}, read with {@link #nextRow}. */
    public RowGroupWindows(RowGroupIndex index, Configuration conf, List<String> columns, long from, long to) {
        this(index, conf, null, columns, from, to);
    }

    private RowGroupWindows(RowGroupIndex index, Configuration conf, WindowDecoder decoder, List<String> columns,
                            long from, long to) {
        if (from < 0 || to < from || to > index.rows()) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + index.rows());
        }
        this.index = index;
        this.conf = conf;
        this.decoder = decoder;
        this.columns = List.copyOf(columns);
        this.row = from;
        this.to = to;
    }

    /** Row groups opened in this JVM so far, by every instance: what a test counts. */
    public static long rowGroupsOpened() {
        return OPENED.get();
    }

    @Override
    public boolean hasNext() {
        if (row < to) {
            return true;
        }
        close();
        return false;
    }

    @Override
    public TokenWindow next() {
        if (decoder == null) {
            throw new IllegalStateException("opened without a decoder: read rows with nextRow()");
        }
        return decoder.decode(nextRow());
    }

    /** The next row, with the requested columns as its schema. */
    public Group nextRow() {
        if (!hasNext()) {
            throw new NoSuchElementException("no rows left before " + to);
        }
        if (groupLeft == 0) {
            openGroup(index.groupOf(row));
        }
        Group g = records.read();
        groupLeft--;
        row++;
        return g;
    }

    /** Reads row group {@code g} and skips to {@link #row} inside it. */
    private void openGroup(int g) {
        try {
            String file = index.file(g);
            if (!file.equals(readerFile)) {
                close();
                Path path = new Path(file);
                reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf));
                readerFile = file;
            }
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = projection(fileSchema, columns, file);
            reader.setRequestedSchema(projection);
            PageReadStore pages = reader.readRowGroup(index.blockInFile(g));
            OPENED.incrementAndGet();
            records = new ColumnIOFactory().getColumnIO(projection, fileSchema)
                    .getRecordReader(pages, new GroupRecordConverter(projection));
            long skip = row - index.start(g);
            groupLeft = index.rowCount(g) - skip;
            for (long i = 0; i < skip; i++) {
                records.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading row group " + g + " of " + index.file(g), e);
        }
    }

    private static MessageType projection(MessageType schema, List<String> columns, String file) {
        List<Type> fields = new ArrayList<>();
        for (String c : columns) {
            if (!schema.containsField(c)) {
                throw new IllegalArgumentException(file + " has no column '" + c + "' (it has " + schema + ")");
            }
            fields.add(schema.getType(c));
        }
        return new MessageType(schema.getName(), fields);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing " + readerFile, e);
            } finally {
                reader = null;
                readerFile = null;
                records = null;
            }
        }
    }
}
