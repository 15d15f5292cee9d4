package dev.tumbler.store;

import static dev.tumbler.store.ArtifactKind.CORPUS;
import static dev.tumbler.store.ArtifactKind.MODEL;
import static dev.tumbler.store.ArtifactKind.SHARDS;
import static dev.tumbler.store.ArtifactKind.TOKENIZER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every file system the store runs on must do: publish, read, list, verify, refuse a damaged
 * artifact, give concurrent publishers distinct versions, and leave nothing visible when a
 * publishing process is killed. Subclasses supply the file system (local, HDFS, S3).
 */
abstract class StoreContractTest {
    private static final AtomicInteger STORES = new AtomicInteger();

    /** A fresh, empty store URI on the file system under test. */
    abstract String newStoreUri(String label);

    /** The Hadoop configuration that reaches the file system under test. */
    abstract Configuration hadoopConf();

    /** System properties a child JVM needs to reach the file system ({@code spark.hadoop.*}). */
    abstract Map<String, String> childProperties();

    /** Concurrent publishers this file system must keep apart (S3A 3.3.4 has no create-if-absent). */
    boolean exclusiveCreate() {
        return true;
    }

    ArtifactStore store(TestInfo info) {
        String label = info.getTestMethod().map(m -> m.getName()).orElse("t") + "-" + STORES.incrementAndGet();
        return ArtifactStore.open(newStoreUri(label), hadoopConf());
    }

    @Test
    void publishesReadsListsAndVerifies(TestInfo info) throws Exception {
        ArtifactStore store = store(info);
        ArtifactRef corpus = StoreFiles.publish(store, CORPUS, "web",
                Map.of("documents/part-0.txt", "first doc", "_stats.json", "{\"kept\":1}"), List.of());
        ArtifactRef corpus2 = StoreFiles.publish(store, CORPUS, "web", Map.of("documents/part-0.txt", "second"), List.of());
        ArtifactRef tok = StoreFiles.publish(store, TOKENIZER, "web", Map.of("tokenizer.json", "{}"), List.of(corpus));

        assertEquals("corpus/web/v1", corpus.toString());
        assertEquals("corpus/web/v2", corpus2.toString());
        assertEquals(List.of(CORPUS, TOKENIZER), store.kinds());
        assertEquals(List.of("web"), store.names(CORPUS));
        assertEquals(List.of(corpus, corpus2), store.versions(CORPUS, "web"));
        assertEquals(corpus2, store.resolve(ArtifactRef.parse("corpus/web")));
        assertEquals("first doc", StoreFiles.read(store, new Path(store.versionDir(corpus), "documents/part-0.txt")));

        Manifest m = store.manifest(tok);
        assertEquals(List.of("corpus/web/v1"), m.inputs());
        assertEquals(Set.of("tokenizer.json"), m.files().keySet());
        assertEquals(List.of(), store.verify(corpus));
        assertEquals(List.of(), store.verify(tok));
        assertEquals("{}", new String(store.readVerified(tok, "tokenizer.json")));
        // Publishing moved everything out of staging: nothing is left behind under _staging.
        Path staging = new Path(store.root(), ArtifactStore.STAGING_DIR);
        assertTrue(!store.fileSystem().exists(staging) || store.fileSystem().listStatus(staging).length == 0,
                "staging leftovers after publish");
    }

    @Test
    void aTamperedFileIsNamedByVerifyAndRefusedOnLoad(TestInfo info) throws Exception {
        ArtifactStore store = store(info);
        ArtifactRef tok = StoreFiles.publish(store, TOKENIZER, "t", Map.of("tokenizer.json", "{\"a\":1}", "x.txt", "x"),
                List.of());
        StoreFiles.write(store, new Path(store.versionDir(tok), "tokenizer.json"), "{\"a\":2}");   // same size

        List<String> problems = store.verify(tok);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("tokenizer.json: sha256 differs"), problems.toString());
        DamagedArtifactException e = assertThrows(DamagedArtifactException.class, () -> store.verifiedManifest(tok));
        assertTrue(e.getMessage().contains("tokenizer/t/v1") && e.getMessage().contains("tokenizer.json"), e.getMessage());
        assertThrows(DamagedArtifactException.class, () -> store.readVerified(tok, "tokenizer.json"));

        StoreFiles.write(store, new Path(store.versionDir(tok), "extra.bin"), "planted");
        store.fileSystem().delete(new Path(store.versionDir(tok), "x.txt"), false);
        List<String> all = store.verify(tok);
        assertTrue(all.contains("x.txt: missing"), all.toString());
        assertTrue(all.contains("extra.bin: not in manifest"), all.toString());
    }

    @Test
    void concurrentPublishersGetDistinctVersionsAndNothingIsOverwritten(TestInfo info) throws Exception {
        ArtifactStore store = store(info);
        int writers = exclusiveCreate() ? 4 : 1;
        int each = 3;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<ArtifactRef>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit((Callable<List<ArtifactRef>>) () -> {
                    start.await();
                    List<ArtifactRef> refs = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        refs.add(StoreFiles.publish(store, MODEL, "m",
                                Map.of("weights.bin", "writer " + writer + " publish " + i), List.of()));
                    }
                    return refs;
                }));
            }
            start.countDown();
            Set<Integer> versions = new TreeSet<>();
            for (int w = 0; w < writers; w++) {
                List<ArtifactRef> refs = futures.get(w).get(180, TimeUnit.SECONDS);
                for (int i = 0; i < each; i++) {
                    ArtifactRef ref = refs.get(i);
                    assertTrue(versions.add(ref.version()), "version " + ref + " handed out twice");
                    assertEquals("writer " + w + " publish " + i,
                            StoreFiles.read(store, new Path(store.versionDir(ref), "weights.bin")), "content of " + ref);
                    assertEquals(List.of(), store.verify(ref));
                }
            }
            assertEquals(writers * each, store.versions(MODEL, "m").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Tag("slow")   // starts a JVM with the whole test class path: about 10 s
    void aPublisherKilledMidWriteLeavesNoVersionAndTheNextPublishSucceeds(TestInfo info) throws Exception {
        ArtifactStore store = store(info);
        String staged = PublisherProcess.runUntilStagedThenKill(store.uri().toString(), "corpus", "crawl", childProperties());
        assertEquals("corpus/crawl/v1", staged, "the child claimed v1 and staged its files");
        assertEquals(List.of(), store.versions(CORPUS, "crawl"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve(ArtifactRef.parse("corpus/crawl")));
        assertFalse(store.exists(ArtifactRef.parse("corpus/crawl/v1")));

        ArtifactRef next = StoreFiles.publish(store, CORPUS, "crawl", Map.of("documents/a.txt", "ok"), List.of());
        assertEquals("corpus/crawl/v2", next.toString());
        assertEquals(List.of(next), store.versions(CORPUS, "crawl"));
        assertEquals(List.of(), store.verify(next));

        StoreGc gc = new StoreGc(store);
        GcPlan plan = gc.plan(new StoreGc.Settings(Duration.ZERO, 0, null), Instant.now().plusSeconds(1));
        assertEquals(1, plan.staging().size(), plan.toString());
        assertEquals(List.of(new Path(new Path(store.nameDir(next), VersionClaims.DIR), "v1")), plan.staleClaims());
        gc.apply(plan);
        assertTrue(gc.plan(new StoreGc.Settings(Duration.ZERO, 0, null), Instant.now().plusSeconds(1)).isEmpty());
        assertEquals(List.of(next), store.versions(CORPUS, "crawl"));
        assertEquals(List.of(), store.verify(next));
    }

    @Test
    void gcKeepsTheLastVersionsAndEverythingTheirLineageNames(TestInfo info) throws Exception {
        ArtifactStore store = store(info);
        ArtifactRef c1 = StoreFiles.publish(store, CORPUS, "c", Map.of("d.txt", "1"), List.of());
        ArtifactRef c2 = StoreFiles.publish(store, CORPUS, "c", Map.of("d.txt", "2"), List.of());
        ArtifactRef c3 = StoreFiles.publish(store, CORPUS, "c", Map.of("d.txt", "3"), List.of());
        ArtifactRef t1 = StoreFiles.publish(store, TOKENIZER, "t", Map.of("tokenizer.json", "{}"), List.of(c1));
        ArtifactRef s1 = StoreFiles.publish(store, SHARDS, "s", Map.of("train/p.bin", "x"), List.of(c1, t1));
        ArtifactRef s2 = StoreFiles.publish(store, SHARDS, "s", Map.of("train/p.bin", "y"), List.of(c2, t1));

        StoreGc gc = new StoreGc(store);
        GcPlan plan = gc.plan(new StoreGc.Settings(Duration.ofHours(1), 1, null), Instant.now());
        assertEquals(List.of(s1), plan.oldVersions(), "c1 and c2 are old too, but t1 and s2 name them");
        assertEquals(Map.of(c1, t1, c2, s2), plan.keptForLineage());
        gc.apply(plan);
        assertEquals(List.of(c1, c2, c3), store.versions(CORPUS, "c"));
        assertEquals(List.of(s2), store.versions(SHARDS, "s"));
        assertEquals(List.of(t1), store.versions(TOKENIZER, "t"));

        GcPlan onlyCorpus = gc.plan(new StoreGc.Settings(Duration.ofHours(1), 1, "corpus"), Instant.now());
        assertEquals(List.of(), onlyCorpus.oldVersions(), "c1 and c2 stay: t1 and s2 name them");
        ArtifactRef s3 = StoreFiles.publish(store, SHARDS, "s", Map.of("train/p.bin", "z"), List.of(c3, t1));
        GcPlan after = gc.plan(new StoreGc.Settings(Duration.ofHours(1), 1, null), Instant.now());
        assertEquals(List.of(c2, s2), after.oldVersions());
        gc.apply(after);
        assertEquals(List.of(c1, c3), store.versions(CORPUS, "c"));
        assertEquals(List.of(s3), store.versions(SHARDS, "s"));
        assertEquals(List.of(), store.verify(c1));
        ArtifactRef s4 = StoreFiles.publish(store, SHARDS, "s", Map.of("train/p.bin", "w"), List.of(c3, t1));
        assertEquals(4, s4.version(), "numbers are not reused after gc");
    }

    @Test
    void gcRemovesAVersionDirectoryThatNeverGotItsManifest(TestInfo info) throws Exception {
        ArtifactStore store = store(info);
        StagingArea staging = store.stage(MODEL, "m");
        StoreFiles.write(store, new Path(staging.dir(), "weights.bin"), "w");
        Path versionDir = store.versionDir(staging.ref());
        assertTrue(store.fileSystem().rename(staging.dir(), versionDir), "as a publish that died after its move");
        assertEquals(List.of(), store.versions(MODEL, "m"));

        StoreGc gc = new StoreGc(store);
        assertTrue(gc.plan(new StoreGc.Settings(Duration.ofHours(1), 0, null), Instant.now()).isEmpty(),
                "young leftovers may belong to a running job");
        GcPlan plan = gc.plan(new StoreGc.Settings(Duration.ZERO, 0, null), Instant.now().plusSeconds(1));
        assertEquals(1, plan.incompleteVersions().size(), plan.toString());
        assertEquals(versionDir.toUri().getPath(), plan.incompleteVersions().get(0).toUri().getPath());
        assertEquals(List.of(), plan.staleClaims(), "the newest claim stays, so v1 is not handed out again");
        gc.apply(plan);
        assertFalse(store.fileSystem().exists(versionDir));
        assertEquals(2, StoreFiles.publish(store, MODEL, "m", Map.of("weights.bin", "v"), List.of()).version());
    }
}
