package dev.tumbler.ingest.read;

import static dev.tumbler.ingest.read.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {
    @TempDir
    Path dir;

    private final ParquetReader reader = new ParquetReader(Fixtures.options(100));

    private Path write(String name, String schemaText, String[][] rows) throws IOException {
        Path path = dir.resolve(name);
        MessageType schema = MessageTypeParser.parseMessageType(schemaText);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(path.toUri()))
                .withType(schema).withConf(Fixtures.conf()).build()) {
            for (String[] row : rows) {
                Group g = groups.newGroup();
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null) {
                        g.add(schema.getFieldName(i), row[i]);
                    }
                }
                w.write(g);
            }
        }
        return path;
    }

    @Test
    void readsTextAndUrlColumns() throws IOException {
        Path path = write("docs.parquet",
                "message doc { optional binary id (UTF8); optional binary text (UTF8); optional binary url (UTF8); }",
                new String[][] {
                    {"1", "first text", "https://a.example/"},
                    {"2", null, "https://b.example/"},
                    {"3", "third \u00e9", null},
                    {"4", "x".repeat(101), null},
                });
        List<RawRecord> records = readAll(reader, path);
        assertEquals(4, records.size());
        assertEquals("first text", records.get(0).text());
        assertEquals("https://a.example/", records.get(0).url());
        assertEquals("missing_text_field", records.get(1).rejectReason());
        assertEquals("https://b.example/", records.get(1).url());
        assertEquals("third \u00e9", records.get(2).text());
        assertNull(records.get(2).url());
        assertEquals(2, records.get(2).recordIndex());
        assertEquals("too_large", records.get(3).rejectReason());
        assertEquals("parquet", records.get(0).source());
    }

    @Test
    void missingTextColumnIsOneRejection() throws IOException {
        Path path = write("nocol.parquet", "message doc { optional binary body (UTF8); }",
                new String[][] {{"a"}, {"b"}});
        List<RawRecord> records = readAll(reader, path);
        assertEquals(1, records.size());
        assertEquals("missing_text_column", records.get(0).rejectReason());
        assertEquals(-1, records.get(0).recordIndex());
    }

    @Test
    void emptyAndCorruptFiles() throws IOException {
        Path empty = Files.write(dir.resolve("empty.parquet"), new byte[0]);
        assertEquals("empty_file", readAll(reader, empty).get(0).rejectReason());
        Path noRows = write("norows.parquet", "message doc { optional binary text (UTF8); }", new String[0][]);
        assertEquals("empty_file", readAll(reader, noRows).get(0).rejectReason());
        Path cut = write("cut.parquet", "message doc { optional binary text (UTF8); }", new String[][] {{"a"}});
        Fixtures.cutInHalf(cut);
        Files.deleteIfExists(dir.resolve(".cut.parquet.crc"));
        List<RawRecord> records = readAll(reader, cut);
        assertEquals(1, records.size());
        assertEquals("truncated_input", records.get(0).rejectReason());
    }
}
