package dev.tumbler.cli;

import static dev.tumbler.store.ArtifactKind.CORPUS;
import static dev.tumbler.store.ArtifactKind.MODEL;
import static dev.tumbler.store.ArtifactKind.SHARDS;
import static dev.tumbler.store.ArtifactKind.TOKENIZER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tumbler artifacts ...} on a store holding a crawl-to-model chain built in-process. */
class ArtifactsCommandTest {
    @TempDir
    Path dir;
    private String storeUri;
    private ArtifactStore store;

    @BeforeEach
    void chain() throws Exception {
        storeUri = dir.resolve("store").toString();
        store = ArtifactStore.open(storeUri, new Configuration());
        ArtifactRef c1 = publish(CORPUS, "web", Map.of("documents/part-0.parquet", "docs v1", "_stats.json", "{}"),
                Map.of("inputs", List.of("s3a://crawl/CC-MAIN-2024-10/a.warc.gz", "s3a://crawl/CC-MAIN-2024-10/b.warc.gz")),
                List.of());
        ArtifactRef c2 = publish(CORPUS, "web", Map.of("documents/part-0.parquet", "docs v2"),
                Map.of("inputs", List.of("s3a://crawl/CC-MAIN-2024-18/")), List.of());
        ArtifactRef tok = publish(TOKENIZER, "web", Map.of("tokenizer.json", "{\"model\":{}}"), Map.of("vocab_size", 300),
                List.of(c1));
        ArtifactRef shards = publish(SHARDS, "web", Map.of("train/part-0.parquet", "tokens", "val/part-0.parquet", "v"),
                Map.of("seq_len", 64), List.of(c1, tok));
        publish(MODEL, "tiny", Map.of("model.zip", "weights", "config.json", "{}"), Map.of("steps", 10),
                List.of(shards, tok));
        assertEquals("corpus/web/v2", c2.toString());
    }

    private ArtifactRef publish(ArtifactKind kind, String name, Map<String, String> files, Map<String, Object> config,
                                List<ArtifactRef> inputs) throws Exception {
        StagingArea staging = store.stage(kind, name);
        Path root = Path.of(staging.dir().toUri());
        for (var e : files.entrySet()) {
            Files.createDirectories(root.resolve(e.getKey()).getParent());
            Files.writeString(root.resolve(e.getKey()), e.getValue());
        }
        return store.publish(staging, new PublishRequest("tumbler " + kind + " --name " + name, config, inputs,
                Map.of("files", files.size())));
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--store";
        all[args.length + 1] = storeUri;
        return CliRun.of(all);
    }

    @Test
    void listShowsEveryVersionOrOneKindOrName() {
        CliRun all = run("artifacts", "list");
        assertEquals(0, all.code(), all.err());
        List<String> lines = all.out().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("ARTIFACT"), all.out());
        assertEquals(List.of("corpus/web/v1", "corpus/web/v2", "model/tiny/v1", "shards/web/v1", "tokenizer/web/v1"),
                lines.stream().skip(1).map(l -> l.split("\\s+")[0]).toList());
        assertTrue(lines.get(1).matches("corpus/web/v1\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+9 B\\s+2"), lines.get(1));

        CliRun corpus = run("artifacts", "list", "corpus/web");
        assertEquals(3, corpus.out().strip().lines().count(), corpus.out());
        CliRun none = run("artifacts", "list", "model/other");
        assertTrue(none.out().startsWith("no artifacts in model/other"), none.out());
        CliRun bad = run("artifacts", "list", "a/b/c/d");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("KIND[/NAME]"), bad.err());
    }

    @Test
    void showPrintsTheManifestReadablyOrAsStored() {
        CliRun show = run("artifacts", "show", "tokenizer/web");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("ref:            tokenizer/web/v1"), show.out());
        assertTrue(show.out().contains("inputs:\n  corpus/web/v1\n"), show.out());
        assertTrue(show.out().contains("config:\n  vocab_size: 300\n"), show.out());
        assertTrue(show.out().matches("(?s).*\\n  [0-9a-f]{64}\\s+12  tokenizer.json\\n.*"), show.out());
        CliRun json = run("artifacts", "show", "--json", "tokenizer/web/v1");
        assertTrue(json.out().contains("\"schema_version\" : 1"), json.out());
        CliRun missing = run("artifacts", "show", "tokenizer/web/v9");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("tokenizer/web/v9 does not exist"), missing.err());
    }

    @Test
    void lineageIsATreeFromTheModelDownToTheCrawl() {
        CliRun r = run("artifacts", "lineage", "model/tiny");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().map(l -> l.replaceAll("  \\d{4}-\\S+Z  .*", "")).toList();
        assertEquals(List.of(
                "model/tiny/v1",
                "├── shards/web/v1",
                "│   ├── corpus/web/v1",
                "│   │   ├── crawl: s3a://crawl/CC-MAIN-2024-10/a.warc.gz",
                "│   │   └── crawl: s3a://crawl/CC-MAIN-2024-10/b.warc.gz",
                "│   └── tokenizer/web/v1",
                "│       └── corpus/web/v1",
                "│           ├── crawl: s3a://crawl/CC-MAIN-2024-10/a.warc.gz",
                "│           └── crawl: s3a://crawl/CC-MAIN-2024-10/b.warc.gz",
                "└── tokenizer/web/v1",
                "    └── corpus/web/v1",
                "        ├── crawl: s3a://crawl/CC-MAIN-2024-10/a.warc.gz",
                "        └── crawl: s3a://crawl/CC-MAIN-2024-10/b.warc.gz"), lines);
        assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("tumbler model --name tiny"), r.out());
    }

    @Test
    void verifyPassesThenNamesATamperedFileAndFails() throws Exception {
        CliRun ok = run("artifacts", "verify");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("5 artifact version(s) verified, 0 damaged"), ok.out());

        Files.writeString(dir.resolve("store/shards/web/v1/train/part-0.parquet"), "TOKENS");
        CliRun all = run("artifacts", "verify");
        assertEquals(1, all.code());
        assertTrue(all.out().contains("DAMAGED  shards/web/v1\n         train/part-0.parquet: sha256 differs"), all.out());
        assertTrue(all.out().contains("ok       model/tiny/v1"), all.out());
        assertEquals(0, run("artifacts", "verify", "corpus/web/v1").code());
        assertEquals(1, run("artifacts", "verify", "shards/web").code());
    }

    @Test
    void gcDryRunListsAndGcRemovesOldVersionsTheLineageDoesNotName() throws Exception {
        StagingArea leftover = store.stage(MODEL, "tiny");   // a job that died while staging
        Files.createDirectories(Path.of(leftover.dir().toUri()));
        Files.writeString(Path.of(leftover.dir().toUri()).resolve("half.bin"), "x");
        publish(MODEL, "tiny", Map.of("model.zip", "w2"), Map.of(), List.of(ArtifactRef.parse("shards/web/v1")));

        CliRun young = run("artifacts", "gc");
        assertEquals(0, young.code(), young.err());
        assertTrue(young.out().contains("removed 0 staging, 0 incomplete, 0 claims, 0 old versions"), young.out());

        CliRun dry = run("artifacts", "gc", "--keep-last", "1", "--older-than", "0s", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("would remove staging leftover     _staging/model-tiny-v2-"), dry.out());
        assertTrue(dry.out().contains("would remove stale claim          model/tiny/_claims/v2"), dry.out());
        assertTrue(dry.out().contains("would remove old version          model/tiny/v1"), dry.out());
        assertTrue(dry.out().contains("kept corpus/web/v1: named in the lineage of"), dry.out());
        assertFalse(dry.out().contains("old version          corpus/web/v1"), dry.out());
        assertTrue(Files.exists(dir.resolve("store/model/tiny/v1/manifest.json")), "a dry run removes nothing");
        // A scope spelled with a trailing '/' and spaces means the same as "model/tiny".
        CliRun scoped = run("artifacts", "gc", "--keep-last", "1", "--older-than", "0s", "--dry-run", " model/tiny/");
        assertTrue(scoped.out().contains("would remove old version          model/tiny/v1"), scoped.out());

        CliRun gc = run("artifacts", "gc", "--keep-last", "1", "--older-than", "0s");
        assertEquals(0, gc.code(), gc.err());
        assertFalse(Files.exists(dir.resolve("store/model/tiny/v1")));
        assertTrue(Files.exists(dir.resolve("store/corpus/web/v1/manifest.json")));
        assertEquals(List.of(ArtifactRef.parse("model/tiny/v3")), store.versions(MODEL, "tiny"));
        assertEquals(0, run("artifacts", "verify").code());
    }

    @Test
    void badGcOptionsAreNamedBeforeAnythingIsRemoved() throws Exception {
        StagingArea leftover = store.stage(MODEL, "tiny");
        Path leftoverDir = Path.of(leftover.dir().toUri());
        Files.createDirectories(leftoverDir);
        CliRun keep = run("artifacts", "gc", "--keep-last", "-1", "--older-than", "0s");
        assertEquals(2, keep.code());
        assertTrue(keep.err().contains("--keep-last"), keep.err());
        CliRun age = run("artifacts", "gc", "--keep-last", "1", "--older-than", "soon");
        assertEquals(2, age.code());
        assertTrue(age.err().contains("--older-than"), age.err());
        CliRun scope = run("artifacts", "gc", "--keep-last", "1", "--older-than", "0s", "model/tiny/v1");
        assertEquals(2, scope.code());
        assertTrue(scope.err().contains("KIND or KIND/NAME"), scope.err());
        assertTrue(Files.isDirectory(leftoverDir), "nothing was removed");
        assertEquals(2, store.versions(CORPUS, "web").size());
    }

    @Test
    void aJobRefusesATamperedInputAndNamesTheFile() throws Exception {
        Files.writeString(dir.resolve("store/tokenizer/web/v1/tokenizer.json"), "{\"model\":[]}");
        CliRun encode = CliRun.of("tokenizer", "encode", "--tokenizer", "tokenizer/web", "--store", storeUri);
        assertEquals(1, encode.code());
        assertTrue(encode.err().contains("tokenizer/web/v1") && encode.err().contains("tokenizer.json: sha256 differs"),
                encode.err());

        Files.writeString(dir.resolve("store/corpus/web/v2/documents/part-0.parquet"), "DOCS V2");
        CliRun train = CliRun.of("tokenizer", "train", "--corpus", "corpus/web", "--vocab-size", "300", "--name", "x",
                "--store", storeUri);
        assertEquals(1, train.code());
        assertTrue(train.err().contains("corpus/web/v2") && train.err().contains("documents/part-0.parquet"), train.err());
        assertFalse(Files.exists(dir.resolve("store/tokenizer/x")), "nothing was published");
    }
}
