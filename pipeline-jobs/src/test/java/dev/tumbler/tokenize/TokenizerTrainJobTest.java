package dev.tumbler.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.cli.TumblerCli;
import dev.tumbler.ingest.testing.SharedSpark;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerFiles;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tumbler tokenizer train} on a corpus artifact made by {@code tumbler ingest}, then encode
 * and decode through the CLI with the published tokenizer.
 */
@Tag("slow")
class TokenizerTrainJobTest {
    @TempDir
    static Path dir;
    static Path store;

    /** Runs the CLI with {@code stdin}, returning exit code and stdout. */
    record Run(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Run cli(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = TumblerCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Varied English sentences, generated from a seed, one document per JSONL line. */
    static List<String> corpusLines() {
        String[] subjects = {"The council", "A farmer", "Our teacher", "The river", "Every student", "The old library"};
        String[] verbs = {"reviewed", "planted", "explained", "flooded", "visited", "opened"};
        String[] objects = {"the budget for next year", "a field of barley", "the history of the bridge",
            "the lower meadows", "the museum of science", "a new reading room"};
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < 120; d++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 12; s++) {
                text.append(subjects[random.nextInt(subjects.length)]).append(' ')
                        .append(verbs[random.nextInt(verbs.length)]).append(' ')
                        .append(objects[random.nextInt(objects.length)]).append(" on day ")
                        .append(random.nextInt(400)).append(". ");
            }
            lines.add("{\"url\": \"https://example.org/d" + d + "\", \"text\": \"" + text.toString().strip() + "\"}");
        }
        return lines;
    }

    @BeforeAll
    static void corpus() throws Exception {
        store = dir.resolve("store");
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.write(input.resolve("docs.jsonl"), corpusLines(), StandardCharsets.UTF_8);
        SharedSpark.get();
        Run ingest = cli("", "ingest", "--store", store.toString(), "--input", input.toString(), "--name", "tok",
                "--master", "local[2]", "--set", "ingest.filters=[language]", "--set", "ingest.dedup.near=false");
        assertEquals(0, ingest.code(), ingest.err());
        assertEquals("artifact: corpus/tok/v1", ingest.lastLine());
    }

    private static Run train(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("tokenizer", "train", "--store", store.toString(),
                "--corpus", "corpus/tok", "--vocab-size", "400", "--name", name, "--master", "local[2]"));
        args.addAll(List.of(extra));
        return cli("", args.toArray(String[]::new));
    }

    @Test
    void trainsAndPublishesATokenizerWithLineageAndBytesPerToken() throws Exception {
        Run run = train("words");
        assertEquals(0, run.code(), run.err());
        assertEquals("artifact: tokenizer/words/v1", run.lastLine());
        ArtifactStore artifacts = ArtifactStore.open(store.toString(), new Configuration());
        Manifest manifest = artifacts.manifest(ArtifactRef.parse("tokenizer/words/v1"));
        assertEquals(List.of("corpus/tok/v1"), manifest.inputs());
        double bytesPerToken = ((Number) manifest.metrics().get("bytes_per_token")).doubleValue();
        assertTrue(bytesPerToken > 2.0, "merges compress the corpus: " + bytesPerToken);
        assertEquals(400, ((Number) manifest.metrics().get("vocab_size")).intValue());
        Tokenizer tokenizer = TokenizerFiles.load(store.resolve("tokenizer/words/v1/tokenizer.json"));
        assertEquals(400, tokenizer.vocabSize());
        assertEquals(400 - SpecialTokens.ALL.size(), tokenizer.idOf(SpecialTokens.BOS));
        // Beside tokenizer.json: the HF tokenizer_config.json with the Jinja chat template, hashed in the manifest.
        assertTrue(manifest.files().containsKey("tokenizer_config.json"), manifest.files().toString());
        com.fasterxml.jackson.databind.JsonNode hf = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(store.resolve("tokenizer/words/v1/tokenizer_config.json").toFile());
        assertEquals(SpecialTokens.BOS, hf.get("bos_token").asText());
        assertEquals(SpecialTokens.ASSISTANT_END, hf.get("eos_token").asText());
        assertTrue(hf.get("chat_template").asText().contains("{% generation %}"), hf.toString());

        Run again = train("words");
        assertEquals("artifact: tokenizer/words/v2", again.lastLine());
        Map<String, Manifest.FileEntry> v1 = manifest.files();
        Map<String, Manifest.FileEntry> v2 = artifacts.manifest(ArtifactRef.parse("tokenizer/words/v2")).files();
        assertEquals(v1.get("tokenizer.json"), v2.get("tokenizer.json"), "training is deterministic");
    }

    @Test
    void encodeAndDecodeThroughTheCliRoundTripAndGuardSpecialTokens() {
        assertEquals(0, train("cli").code());
        String text = "The council opened a new reading room <|assistant_start|> on day 12.";
        Run encoded = cli(text, "tokenizer", "encode", "--store", store.toString(), "--tokenizer", "tokenizer/cli");
        assertEquals(0, encoded.code(), encoded.err());
        String special = String.valueOf(400 - SpecialTokens.ALL.size() + SpecialTokens.ALL.indexOf(SpecialTokens.ASSISTANT_START));
        assertTrue(!List.of(encoded.out().strip().split(" ")).contains(special), "web text cannot inject a control token");
        Run allowed = cli(text, "tokenizer", "encode", "--store", store.toString(), "--tokenizer", "tokenizer/cli",
                "--allow-special");
        assertTrue(List.of(allowed.out().strip().split(" ")).contains(special));
        Run decoded = cli(encoded.out(), "tokenizer", "decode", "--store", store.toString(), "--tokenizer", "tokenizer/cli");
        assertEquals(0, decoded.code(), decoded.err());
        assertEquals(text, decoded.out());
    }

    @Test
    void badArgumentsNameTheOptionBeforeWorkStarts() {
        Run small = train("x", "--vocab-size", "100");
        assertEquals(2, small.code());
        assertTrue(small.err().contains("--vocab-size"), small.err());
        Run missing = cli("", "tokenizer", "train", "--store", store.toString(), "--corpus", "corpus/nope",
                "--vocab-size", "400", "--name", "x");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--corpus"), missing.err());
        Run pattern = train("x", "--pattern", "gpt5");
        assertEquals(2, pattern.code());
        assertTrue(pattern.err().contains("--pattern"), pattern.err());
        Run notAFile = cli("x", "tokenizer", "encode", "--store", store.toString(), "--tokenizer", "corpus/tok");
        assertEquals(2, notAFile.code());
        assertTrue(notAFile.err().contains("not a tokenizer"), notAFile.err());
    }
}
