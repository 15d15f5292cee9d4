package dev.tumbler.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarReaderTest {
    @TempDir Path temp;

    @Test
    void readsNamesAndContentsOfAllEntryKinds() throws IOException {
        byte[] big = new byte[70_000];
        new Random(42).nextBytes(big);
        String longName = "package/" + "deep/".repeat(30) + "file.txt";
        String paxName = "package/" + "pax/".repeat(40) + "p.txt";
        byte[] tar = new TarBuilder()
                .directory("package/")
                .file("package/a.txt", "hello")
                .file("package/empty.txt", "")
                .file("package/big.bin", big)
                .symlink("package/link")
                .fileWithPrefix("package/test/fixtures", "x.warc", "prefixed")
                .gnuLongName(longName, "long")
                .paxPath(paxName, "pax")
                .file("package/last.txt", "end")
                .tar();

        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(tar))) {
            TarReader.Entry entry;
            while ((entry = reader.next()) != null) {
                names.add(entry.name());
                if (entry.name().equals("package/big.bin")) {
                    assertEquals(big.length, entry.size());
                    assertArrayEquals(big, reader.readContent());
                    texts.add("<big>");
                } else if (entry.isFile()) {
                    texts.add(new String(reader.readContent(), StandardCharsets.UTF_8));
                } else {
                    texts.add(entry.isDirectory() ? "<dir>" : "<" + entry.type() + ">");
                }
            }
            assertNull(reader.next());
        }
        assertEquals(List.of("package/", "package/a.txt", "package/empty.txt", "package/big.bin", "package/link",
                "package/test/fixtures/x.warc", longName, paxName, "package/last.txt"), names);
        assertEquals(List.of("<dir>", "hello", "", "<big>", "<2>", "prefixed", "long", "pax", "end"), texts);
    }

    @Test
    void skipsUnreadContent() throws IOException {
        byte[] tar = new TarBuilder().file("a", "x".repeat(1000)).file("b", "second").tar();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(tar))) {
            assertEquals("a", reader.next().name());
            reader.content().read(); // read one byte only
            TarReader.Entry b = reader.next();
            assertEquals("b", b.name());
            assertEquals("second", new String(reader.readContent(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsGzippedTarball() throws IOException {
        byte[] tgz = new TarBuilder().file("package/x", "gz").tgz();
        try (TarReader reader = TarReader.gzipped(new ByteArrayInputStream(tgz))) {
            assertEquals("package/x", reader.next().name());
            assertEquals("gz", new String(reader.readContent(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void extractsSelectedFiles() throws IOException {
        byte[] tar = new TarBuilder().file("package/keep/a.txt", "A")
                .file("package/skip.txt", "S").file("package/keep/b.txt", "B").tar();
        List<Path> written = TarReader.extract(new ByteArrayInputStream(tar), temp, n -> n.startsWith("package/keep/"));
        assertEquals(List.of(temp.resolve("package/keep/a.txt"), temp.resolve("package/keep/b.txt")), written);
        assertEquals("A", Files.readString(temp.resolve("package/keep/a.txt")));
        assertFalse(Files.exists(temp.resolve("package/skip.txt")));
    }

    @Test
    void refusesPathsEscapingTheDestination() {
        byte[] tar = new TarBuilder().file("../evil.txt", "x").tar();
        IOException e = assertThrows(IOException.class,
                () -> TarReader.extract(new ByteArrayInputStream(tar), temp.resolve("out"), n -> true));
        assertTrue(e.getMessage().contains("escapes"));
        assertFalse(Files.exists(temp.resolve("evil.txt")));
    }

    @Test
    void rejectsCorruptHeaders() {
        byte[] tar = new TarBuilder().file("a", "x").tar();
        tar[10] ^= 0x55; // break the name, so the checksum no longer matches
        assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(tar)).next());
    }

    @Test
    void parsesBase256Sizes() throws IOException {
        byte[] header = new byte[512];
        header[124] = (byte) 0x80;
        header[135] = 0x10;
        header[134] = 0x01;
        assertEquals(0x0110, TarReader.parseNumber(header, 124, 12));
    }
}
