package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tumbler.cli.TumblerCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real chain up to shards for training tests, through the CLI in this JVM: 60 short JSONL documents are ingested
 * (no filters), a 300-token tokenizer is trained on them, and they are cut into windows of 16 tokens with a 10%
 * validation split, as {@code shards/s} in {@code store}.
 */
final class TinyShards {
    private TinyShards() {
    }

    /** Builds corpus/c, tokenizer/t and shards/s in {@code store}, with the input under {@code dir/in}. */
    static void build(Path dir, String store) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            lines.add("{\"url\": \"https://example.org/" + d + "\", \"text\": \"The river rose on day " + d
                    + " and the council met again to count the boats. The clerk wrote it down.\"}");
        }
        Files.write(in.resolve("docs.jsonl"), lines, StandardCharsets.UTF_8);
        run("ingest", "--store", store, "--input", in.toString(), "--name", "c", "--master", "local[2]",
                "--set", "ingest.filters=[]", "--set", "ingest.dedup.near=false", "--set", "ingest.dedup.exact=false");
        run("tokenizer", "train", "--store", store, "--corpus", "corpus/c", "--vocab-size", "300", "--name", "t",
                "--master", "local[2]");
        run("shard", "--store", store, "--corpus", "corpus/c", "--tokenizer", "tokenizer/t", "--seq-len", "16",
                "--val-fraction", "0.1", "--name", "s", "--master", "local[2]");
    }

    /** The repository's tiny model preset. */
    static Path tinyPreset() {
        return Path.of(System.getProperty("tumbler.repo.root", "..")).resolve("conf/model/tiny.yaml");
    }

    /** Runs the CLI in this JVM, echoes its output, asserts exit code 0 and returns stdout. */
    static String run(String... args) {
        return runExpecting(0, args);
    }

    /** Runs the CLI in this JVM, echoes its output, asserts the exit code and returns stdout and stderr. */
    static String runExpecting(int expectedCode, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            TrainSpark.get();
            code = TumblerCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(expectedCode, code, text);
        return text;
    }
}
