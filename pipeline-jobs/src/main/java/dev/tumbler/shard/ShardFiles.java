package dev.tumbler.shard;

import dev.tumbler.model.data.PackedTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes token windows as one shard file without Spark: the layout {@link Sharder} writes ({@code tokens: binary},
 * packed int32, zstd). For synthetic shards in benchmarks and tests, where the row-group boundaries matter.
 */
public final class ShardFiles {
    /** The schema Spark gives {@link Sharder}'s output. */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message spark_schema { optional binary tokens; }");

    private ShardFiles() {
    }

    /**
     * Writes {@code windows} to {@code file}. The writer checks the buffered size every {@code rowsPerCheck} rows and
     * closes a row group once it holds about {@code rowGroupBytes}; with {@code rowGroupBytes = 1} every row group
     * holds exactly {@code rowsPerCheck} rows (the last one fewer).
     *
     * @return the rows written
     */
    public static long write(Configuration conf, Path file, Iterator<int[]> windows, long rowGroupBytes,
                             int rowsPerCheck) {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        long rows = 0;
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file).withConf(conf).withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.ZSTD).withRowGroupSize(rowGroupBytes)
                .withMinRowCountForPageSizeCheck(rowsPerCheck).withMaxRowCountForPageSizeCheck(rowsPerCheck)
                .withDictionaryEncoding(false).build()) {
            while (windows.hasNext()) {
                writer.write(groups.newGroup().append("tokens", Binary.fromConstantByteArray(
                        PackedTokens.encode(windows.next()))));
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return rows;
    }
}
