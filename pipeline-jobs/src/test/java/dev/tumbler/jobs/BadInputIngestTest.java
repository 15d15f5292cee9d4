package dev.tumbler.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tumbler.cli.TumblerCli;
import dev.tumbler.ingest.read.Fixtures;
import dev.tumbler.ingest.testing.SharedSpark;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One ingest over a folder of damaged inputs: each kind of bad input is counted under step
 * {@code read} with its reason, the good records around it still come through, and the job finishes.
 */
@Tag("slow")
class BadInputIngestTest {
    @TempDir
    Path dir;

    private static byte[] page(String title, String body) {
        return Fixtures.utf8("<html><head><title>" + title + "</title></head><body><p>" + body + "</p></body></html>");
    }

    @Test
    void everyBadInputIsCountedWithItsReasonAndTheJobFinishes() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        // A truncated gzip: two gzip members, the second cut short.
        byte[] first = Fixtures.gzip(Fixtures.response("https://a.example/1", 200, "text/html; charset=utf-8",
                page("Library", PlantedDocs.LIBRARY)));
        byte[] second = Fixtures.gzip(Fixtures.response("https://a.example/2", 200, "text/html; charset=utf-8",
                page("Bread", PlantedDocs.BREAD)));
        Files.write(in.resolve("truncated.warc.gz"),
                Fixtures.concat(first, java.util.Arrays.copyOf(second, second.length / 2)));
        // A malformed WARC record between two good ones.
        Files.write(in.resolve("malformed.warc"), Fixtures.concat(
                Fixtures.response("https://b.example/1", 200, "text/html", page("Bees", PlantedDocs.BEES)),
                Fixtures.utf8("WARC/1.0\r\nThis is not a header line\r\nContent-Length: banana\r\n\r\ngarbage\r\n\r\n"),
                Fixtures.response("https://b.example/2", 200, "text/html", page("Bread", PlantedDocs.BREAD))));
        // Invalid UTF-8 in a JSONL line, next to a good line.
        try (OutputStream out = Files.newOutputStream(in.resolve("mixed.jsonl"))) {
            out.write(Fixtures.utf8("{\"url\": \"https://c.example/ok\", \"text\": \"" + PlantedDocs.BEES + "\"}\n"));
            out.write(Fixtures.concat(Fixtures.utf8("{\"url\": \"https://c.example/bad\", \"text\": \"caf"),
                    new byte[] {(byte) 0xC3, (byte) 0x28}, Fixtures.utf8("\"}\n")));
        }
        // A non-HTML payload.
        Files.write(in.resolve("image.warc"), Fixtures.response("https://d.example/logo.png", 200, "image/png",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}));
        // An empty file.
        Files.write(in.resolve("empty.txt"), new byte[0]);
        // A single document of 50 MB, followed by a normal one.
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(in.resolve("huge.jsonl")))) {
            out.write(Fixtures.utf8("{\"url\": \"https://e.example/huge\", \"text\": \""));
            Fixtures.repeat(out, Fixtures.kib('x'), 50 * 1024);
            out.write(Fixtures.utf8("\"}\n{\"url\": \"https://e.example/after\", \"text\": \"" + PlantedDocs.BREAD + "\"}\n"));
        }

        Path output = dir.resolve("out");
        SharedSpark.get();
        int code = TumblerCli.execute("ingest", "--input", in.toString(), "--output", output.toString(),
                "--master", "local[2]", "--set", "ingest.dedup.exact=false", "--set", "ingest.dedup.near=false");
        assertEquals(0, code, "the job finishes");

        Map<String, Long> readReasons = new TreeMap<>();
        for (Row r : SharedSpark.get().read().parquet(output.resolve("_rejected").toString())
                .where(col("step").equalTo("read")).groupBy("reason").count().collectAsList()) {
            readReasons.put(r.getString(0), r.getLong(1));
        }
        assertEquals(Map.of("truncated_input", 1L, "malformed_record", 1L, "invalid_utf8", 1L,
                "non_html_payload", 1L, "empty_file", 1L, "too_large", 1L), readReasons);

        JsonNode stats = new ObjectMapper().readTree(output.resolve("_stats.json").toFile());
        long records = stats.at("/input/records").asLong();
        assertEquals(records, stats.at("/output/documents").asLong() + stats.at("/rejected/documents").asLong());
        // Good records next to the damage still came through: 1 before the cut, 2 around the bad
        // record, 1 valid JSONL line, 1 after the huge line, plus the six rejections.
        assertEquals(11, records);
        long urls = SharedSpark.get().read().parquet(output.resolve("documents").toString()).count()
                + SharedSpark.get().read().parquet(output.resolve("_rejected").toString())
                        .where(col("step").notEqual("read")).count();
        assertEquals(5, urls);
        assertTrue(Files.readString(output.resolve("_stats.json"), StandardCharsets.UTF_8).contains("truncated_input"));
    }
}
