package dev.tumbler.store;

import static dev.tumbler.store.ArtifactKind.CORPUS;
import static dev.tumbler.store.ArtifactKind.MODEL;
import static dev.tumbler.store.ArtifactKind.TOKENIZER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @TempDir
    Path root;

    private ArtifactStore store() {
        return ArtifactStore.open(root.toString(), new Configuration());
    }

    private ArtifactRef publish(ArtifactStore store, String name, String content) throws Exception {
        StagingArea staging = store.stage(CORPUS, name);
        Path dir = Path.of(staging.dir().toUri());
        Files.createDirectories(dir.resolve("part"));
        Files.writeString(dir.resolve("part/data.txt"), content);
        return store.publish(staging, new PublishRequest("tumbler test", Map.of("k", 1),
                List.of(ArtifactRef.parse("corpus/raw/v1")), Map.of("docs", 3)));
    }

    @Test
    void publishesIncreasingVersionsWithManifestHashesAndLineage() throws Exception {
        ArtifactStore store = store();
        ArtifactRef v1 = publish(store, "web", "hello");
        ArtifactRef v2 = publish(store, "web", "world");
        assertEquals("corpus/web/v1", v1.toString());
        assertEquals("corpus/web/v2", v2.toString());
        assertEquals(v2, store.resolve(ArtifactRef.parse("corpus/web")));
        Manifest m = store.manifest(v1);
        assertEquals(Manifest.SCHEMA_VERSION, m.schemaVersion());
        assertEquals(List.of("corpus/raw/v1"), m.inputs());
        assertEquals("tumbler test", m.command());
        assertEquals(Map.of("docs", 3), m.metrics());
        // sha256("hello")
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                m.files().get("part/data.txt").sha256());
        assertEquals("hello", Files.readString(root.resolve("corpus/web/v1/part/data.txt")));
        assertTrue(Files.exists(root.resolve("corpus/web/v1/manifest.json")));
    }

    @Test
    void aVersionWithoutManifestDoesNotExistAndIsNeverReused() throws Exception {
        ArtifactStore store = store();
        StagingArea abandoned = store.stage(CORPUS, "web");   // claims v1, never published
        assertEquals(1, abandoned.ref().version());
        assertFalse(store.exists(abandoned.ref()));
        assertThrows(IllegalArgumentException.class, () -> store.resolve(ArtifactRef.parse("corpus/web")));
        ArtifactRef next = publish(store, "web", "x");
        assertEquals(2, next.version());
        assertEquals(List.of(next), store.versions(CORPUS, "web"));
    }

    @Test
    void verifyDetectsATamperedFile() throws Exception {
        ArtifactStore store = store();
        ArtifactRef ref = publish(store, "web", "original");
        assertEquals(List.of(), store.verify(ref));
        Files.writeString(root.resolve("corpus/web/v1/part/data.txt"), "tampered", StandardCharsets.UTF_8);
        List<String> problems = store.verify(ref);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("part/data.txt: sha256 differs (manifest "), problems.toString());
        Files.writeString(root.resolve("corpus/web/v1/part/data.txt"), "longer than before", StandardCharsets.UTF_8);
        assertEquals(List.of("part/data.txt: size differs (manifest 8 bytes, found 18)"), store.verify(ref));
    }

    @Test
    void largeFilesAreCheckedBySizeOnLoadAndHashedWhenAskedOrByVerify() throws Exception {
        ArtifactStore store = store();
        StagingArea staging = store.stage(CORPUS, "big");
        Path dir = Path.of(staging.dir().toUri());
        Files.createDirectories(dir);
        byte[] big = new byte[(int) HashPolicy.SMALL_FILE_BYTES + 1];
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("small.json"), "{}");
        ArtifactRef ref = store.publish(staging, new PublishRequest("t", Map.of(), List.of(), Map.of()));
        big[12345] = 1;   // same size, other bytes
        Files.write(root.resolve("corpus/big/v1/big.bin"), big);

        assertEquals(Manifest.SCHEMA_VERSION, store.verifiedManifest(ref).schemaVersion(),
                "by default a file over 64 MiB is checked by size only");
        DamagedArtifactException e = assertThrows(DamagedArtifactException.class,
                () -> store.withHashPolicy(HashPolicy.ALL_FILES).verifiedManifest(ref));
        assertTrue(e.getMessage().contains("big.bin: sha256 differs"), e.getMessage());
        assertEquals(1, store.verify(ref).size());

        Files.writeString(root.resolve("corpus/big/v1/small.json"), "[]");
        DamagedArtifactException small = assertThrows(DamagedArtifactException.class,
                () -> store().verifiedManifest(ref));
        assertEquals(List.of("small.json"), small.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).toList(),
                "small files are always re-hashed on load");
    }

    @Test
    void aFileChangedBehindTheLocalChecksumIsNamedNotAnIoError() throws Exception {
        ArtifactStore store = store();
        StagingArea staging = store.stage(TOKENIZER, "t");
        try (var out = store.fileSystem().create(new org.apache.hadoop.fs.Path(staging.dir(), "tokenizer.json"))) {
            out.write("{\"v\":1}".getBytes(StandardCharsets.UTF_8));   // written through Hadoop: has a .crc
        }
        ArtifactRef ref = store.publish(staging, new PublishRequest("t", Map.of(), List.of(), Map.of()));
        Files.writeString(root.resolve("tokenizer/t/v1/tokenizer.json"), "{\"v\":2}");
        assertTrue(store.verify(ref).get(0).startsWith("tokenizer.json: damaged (Checksum error"), store.verify(ref).toString());
        DamagedArtifactException e = assertThrows(DamagedArtifactException.class, () -> store.readVerified(ref, "tokenizer.json"));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    @Test
    void aManifestOfAnotherSchemaVersionIsRefused() throws Exception {
        ArtifactStore store = store();
        ArtifactRef ref = publish(store, "web", "x");
        Path manifest = root.resolve("corpus/web/v1/manifest.json");
        Files.delete(root.resolve("corpus/web/v1/.manifest.json.crc"));   // else Hadoop's local checksum objects first
        Files.writeString(manifest, Files.readString(manifest).replace("\"schema_version\" : 1", "\"schema_version\" : 99"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.verifiedManifest(ref));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void refsParseAndRejectBadNames() {
        assertEquals(new ArtifactRef(MODEL, "m-1", 12), ArtifactRef.parse("model/m-1/v12"));
        assertTrue(ArtifactRef.parse("corpus/web").isLatest());
        assertThrows(IllegalArgumentException.class, () -> ArtifactRef.parse("corpus/web/12"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactRef.parse("corpus/../x/v1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store().stage(CORPUS, "bad/name"));
        assertTrue(e.getMessage().contains("invalid artifact name"));
    }
}
