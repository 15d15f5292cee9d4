package dev.tumbler.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.artifacts.CorpusArtifact;
import dev.tumbler.artifacts.ShardsArtifact;
import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.cli.TumblerCli;
import dev.tumbler.ingest.testing.SharedSpark;
import dev.tumbler.jobs.IngestJob;
import dev.tumbler.jobs.RunContext;
import dev.tumbler.jobs.ShardJob;
import dev.tumbler.jobs.TokenizerTrainJob;
import dev.tumbler.model.data.PackedTokens;
import dev.tumbler.model.data.TokenizerMismatchException;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerFiles;
import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest -> tokenizer train -> shard through the CLI, then the shards and the reader that feeds training. */
@Tag("slow")
class ShardJobTest {
    @TempDir
    static Path dir;
    static Path store;
    static ArtifactStore artifacts;
    static final int SEQ_LEN = 24;
    static final int DOCS = 80;

    static int cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            return TumblerCli.execute(args);
        } finally {
            System.setOut(old);
            System.out.print(out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Document d repeats its marker word "mark{d}q" among ordinary words. */
    static String text(int d) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < 3 + d % 5; s++) {
            sb.append("The report number ").append(d).append(" was read by the committee, mark").append(d)
                    .append("q said the clerk. ");
        }
        return sb.toString().strip();
    }

    @BeforeAll
    static void pipeline() throws Exception {
        store = dir.resolve("store");
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < DOCS; d++) {
            lines.add("{\"url\": \"https://example.org/" + d + "\", \"text\": \"" + text(d) + "\"}");
        }
        Files.write(in.resolve("docs.jsonl"), lines, StandardCharsets.UTF_8);
        Files.write(dir.resolve("empty.jsonl"), List.of("{\"url\": \"https://example.org/x\", \"text\": \"\"}"));
        SharedSpark.get();
        String s = store.toString();
        assertEquals(0, cli("ingest", "--store", s, "--input", in.toString(), "--name", "c", "--master", "local[2]",
                "--set", "ingest.filters=[]", "--set", "ingest.dedup.near=false"));
        assertEquals(0, cli("tokenizer", "train", "--store", s, "--corpus", "corpus/c", "--vocab-size", "300",
                "--name", "t", "--master", "local[2]"));
        assertEquals(0, cli("tokenizer", "train", "--store", s, "--corpus", "corpus/c", "--vocab-size", "320",
                "--name", "other", "--master", "local[2]"));
        for (int i = 0; i < 2; i++) {
            assertEquals(0, cli("shard", "--store", s, "--corpus", "corpus/c", "--tokenizer", "tokenizer/t",
                    "--seq-len", String.valueOf(SEQ_LEN), "--val-fraction", "0.2", "--name", "s", "--master", "local[2]"));
        }
        artifacts = ArtifactStore.open(s, new Configuration());
    }

    private static Tokenizer tokenizer() throws Exception {
        return TokenizerFiles.load(store.resolve("tokenizer/t/v1/tokenizer.json"));
    }

    private static List<int[]> rows(String split) {
        List<int[]> out = new ArrayList<>();
        for (Row r : SharedSpark.get().read().parquet(store.resolve("shards/s/v1/" + split).toString()).collectAsList()) {
            out.add(PackedTokens.decode((byte[]) r.get(0)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> split(Manifest m, String name) {
        return (Map<String, Object>) m.metrics().get(name);
    }

    private static long num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    @Test
    void tokensAreConservedGiveOrTakeWhatPackingDrops() throws Exception {
        Tokenizer tokenizer = tokenizer();
        long expected = 0;
        for (int d = 0; d < DOCS; d++) {
            expected += tokenizer.encode(text(d)).length + 1;   // + <|bos|>
        }
        Manifest m = artifacts.manifest(ArtifactRef.parse("shards/s/v1"));
        long inWindows = 0;
        for (String split : List.of("train", "val")) {
            List<int[]> rows = rows(split);
            rows.forEach(r -> assertEquals(SEQ_LEN + 1, r.length));
            assertEquals(num(split(m, split), "sequences"), rows.size());
            inWindows += (long) rows.size() * (SEQ_LEN + 1);
        }
        assertEquals(expected, inWindows + num(m.metrics(), "dropped_tokens"));
        assertEquals(List.of("corpus/c/v1", "tokenizer/t/v1"), m.inputs());
        assertEquals(artifacts.manifest(ArtifactRef.parse("tokenizer/t/v1")).files().get("tokenizer.json").sha256(),
                m.metrics().get("tokenizer_sha256"));
        assertTrue(((Number) m.metrics().get("bytes_per_token")).doubleValue() > 1.0);
    }

    @Test
    void theSameSeedGivesTheSameShards() {
        Manifest a = artifacts.manifest(ArtifactRef.parse("shards/s/v1"));
        Manifest b = artifacts.manifest(ArtifactRef.parse("shards/s/v2"));
        assertEquals(dataHashes(a), dataHashes(b));
        assertEquals(a.metrics(), b.metrics());
    }

    private static List<String> dataHashes(Manifest m) {
        return m.files().entrySet().stream().filter(e -> e.getKey().endsWith(".parquet"))
                .map(e -> e.getKey().substring(0, e.getKey().indexOf('/')) + ":" + e.getValue().sha256()).sorted().toList();
    }

    @Test
    void theSplitsShareNoDocument() throws Exception {
        Tokenizer tokenizer = tokenizer();
        Set<Integer> train = markers(tokenizer, rows("train"));
        Set<Integer> val = markers(tokenizer, rows("val"));
        assertTrue(!val.isEmpty() && !train.isEmpty(), "both splits hold documents");
        Set<Integer> both = new HashSet<>(train);
        both.retainAll(val);
        assertEquals(Set.of(), both);
        // Membership follows the hash of the document id, as the manifest promises.
        Set<Integer> expectedVal = new HashSet<>();
        for (Row r : SharedSpark.get().read().parquet(store.resolve("corpus/c/v1/documents").toString())
                .select("doc_id", "url").collectAsList()) {
            if (ShardKeys.isVal(r.getString(0), 0.2)) {
                expectedVal.add(Integer.parseInt(r.getString(1).substring(r.getString(1).lastIndexOf('/') + 1)));
            }
        }
        assertTrue(expectedVal.containsAll(val), "val holds only documents whose hash puts them there");
        Set<Integer> trainButVal = new HashSet<>(train);
        trainButVal.retainAll(expectedVal);
        assertEquals(Set.of(), trainButVal);
    }

    private static Set<Integer> markers(Tokenizer tokenizer, List<int[]> rows) {
        Set<Integer> out = new HashSet<>();
        Matcher m = Pattern.compile("mark(\\d+)q").matcher("");
        for (int[] r : rows) {
            m.reset(tokenizer.decode(r));
            while (m.find()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    @Test
    void theReaderBuildsBatchesThatMatchTheRows() throws Exception {
        ShardSource source = ShardSource.open(ShardsArtifact.read(artifacts, ArtifactRef.parse("shards/s")),
                TokenizerArtifact.read(artifacts, ArtifactRef.parse("tokenizer/t/v1")));
        assertEquals(SEQ_LEN, source.seqLen());
        SparkSession spark = SharedSpark.get();
        List<float[][][]> batches = source.batches(spark, "train", 4, false)
                .map(mds -> new float[][][] {mds.getFeatures(0).toFloatMatrix(),
                        mds.getLabels(0).reshape(mds.getLabels(0).size(0), SEQ_LEN).toFloatMatrix()})
                .collect();
        List<int[]> rows = rows("train");
        int row = 0;
        for (float[][][] batch : batches) {
            for (int i = 0; i < batch[0].length; i++, row++) {
                int[] expected = rows.get(row);
                for (int t = 0; t < SEQ_LEN; t++) {
                    assertEquals(expected[t], (int) batch[0][i][t]);
                    assertEquals(expected[t + 1], (int) batch[1][i][t]);
                }
            }
        }
        assertEquals(rows.size(), row, "every row comes out in a batch");
    }

    @Test
    void trainingRoundsStreamTheRowsInFileNameOrder() throws Exception {
        ShardSource source = ShardSource.open(ShardsArtifact.read(artifacts, ArtifactRef.parse("shards/s")),
                TokenizerArtifact.read(artifacts, ArtifactRef.parse("tokenizer/t/v1")));
        SparkSession spark = SharedSpark.get();
        List<int[]> rows = new ArrayList<>();
        try (var files = Files.list(store.resolve("shards/s/v1/train"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
                for (Row r : spark.read().parquet(f.toString()).collectAsList()) {
                    rows.add(PackedTokens.decode((byte[]) r.get(0)));
                }
            }
        }
        ShardRounds rounds = source.rounds(spark, "train", 4);
        assertEquals(rows.size() / 4, rounds.size());
        List<org.nd4j.linalg.dataset.api.MultiDataSet> all = rounds.round(0, 1, (int) rounds.size()).collect();
        assertEquals(rounds.size(), all.size());
        for (int b = 0; b < all.size(); b++) {
            float[][] features = all.get(b).getFeatures(0).toFloatMatrix();
            for (int i = 0; i < 4; i++) {
                int[] expected = rows.get(b * 4 + i);
                for (int t = 0; t < SEQ_LEN; t++) {
                    assertEquals(expected[t], (int) features[i][t], "minibatch " + b + " row " + i + " position " + t);
                }
            }
        }
    }

    @Test
    void shardsMadeWithAnotherTokenizerAreRefused() {
        TokenizerMismatchException e = assertThrows(TokenizerMismatchException.class, () ->
                ShardSource.open(ShardsArtifact.read(artifacts, ArtifactRef.parse("shards/s/v1")),
                        TokenizerArtifact.read(artifacts, ArtifactRef.parse("tokenizer/other/v1"))));
        assertTrue(e.getMessage().contains("tokenizer/t/v1") && e.getMessage().contains("tokenizer/other/v1"),
                e.getMessage());
    }

    /** The same three phases as {@link #pipeline}, called as methods: each returns the ref it published. */
    @Test
    void thePhasesRunAsMethodCallsAndReturnTheirRefs() {
        RunContext context = new RunContext(store.toString(), "local[2]", 42, null,
                List.of("ingest.filters=[]", "ingest.dedup.near=false"), false, "test: phases as method calls");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        ArtifactRef corpus = new IngestJob(new IngestJob.Request(context, List.of(dir.resolve("in").toString()),
                "c-lib", null, null, null, false), out).run().orElseThrow();
        ArtifactRef tokenizer = new TokenizerTrainJob(new TokenizerTrainJob.Request(context, corpus.toString(), 300,
                "t-lib", "CL100K", 0, 2), out).run();
        ArtifactRef shards = new ShardJob(new ShardJob.Request(context, corpus.toString(), tokenizer.toString(), "s-lib",
                new ShardSettings(SEQ_LEN, 0.2, 8, 65536)), out).run();

        assertEquals(ArtifactRef.parse("corpus/c-lib/v1"), corpus);
        assertEquals(ArtifactRef.parse("tokenizer/t-lib/v1"), tokenizer);
        assertEquals(ArtifactRef.parse("shards/s-lib/v1"), shards);
        assertTrue(!log.toString(StandardCharsets.UTF_8).contains("artifact:"), "the CLI prints the ref, not the job");
        Manifest made = artifacts.manifest(shards);
        assertEquals(List.of(corpus.toString(), tokenizer.toString()), made.inputs());
        assertEquals("test: phases as method calls", made.command());
        // Same input, settings and seed as the CLI run: the same tokenizer and the same windows.
        assertEquals(artifacts.manifest(ArtifactRef.parse("tokenizer/t/v1")).files().get("tokenizer.json").sha256(),
                artifacts.manifest(tokenizer).files().get("tokenizer.json").sha256());
        assertEquals(dataHashes(artifacts.manifest(ArtifactRef.parse("shards/s/v1"))), dataHashes(made));
        // What the next phase reads back, typed.
        ShardsArtifact typed = ShardsArtifact.read(artifacts, shards);
        assertEquals(SEQ_LEN, typed.seqLen());
        assertEquals(TokenizerArtifact.read(artifacts, tokenizer), new TokenizerArtifact(typed.tokenizer(),
                typed.tokenizerSha256()));
        assertEquals(List.of("train", "val"), List.copyOf(typed.splits().keySet()));
        assertEquals(rows("train").size(), typed.splits().get("train").sequences());
        assertEquals(DOCS, CorpusArtifact.read(artifacts, corpus).documents());
    }

    @Test
    void anEmptyCorpusGivesAClearErrorNotAnEmptyArtifact() throws Exception {
        String s = store.toString();
        assertEquals(0, cli("ingest", "--store", s, "--input", dir.resolve("empty.jsonl").toString(), "--name", "empty",
                "--master", "local[2]"));
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = TumblerCli.execute("shard", "--store", s, "--corpus", "corpus/empty", "--tokenizer", "tokenizer/t",
                    "--seq-len", "8", "--name", "e", "--master", "local[2]");
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no documents"), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), artifacts.versions(ArtifactKind.SHARDS, "e"));
    }
}
