package dev.tumbler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.generate.RandomModelArtifacts;
import dev.tumbler.jobs.HadoopConfs;
import dev.tumbler.store.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tumbler generate} and {@code tumbler chat} on a random-init model artifact. */
class GenerateCommandTest {
    @TempDir
    static Path dir;
    private static String store;

    @BeforeAll
    static void publish() throws Exception {
        store = dir.resolve("store").toString();
        RandomModelArtifacts.publish(ArtifactStore.open(store, HadoopConfs.fromSystemProperties()), "rand");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = TumblerCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void generatesKSamplesReproducibly() {
        String[] args = {"generate", "--store", store, "--model", "model/rand", "--prompt", "Hello", "-n", "3",
                "--max-tokens", "8", "--seed", "3", "--temperature", "1.0"};
        Run a = run("", args);
        assertEquals(0, a.code(), a.err());
        for (int i = 1; i <= 3; i++) {
            assertTrue(a.out().contains("=== sample " + i + " of 3"), a.out());
            assertTrue(a.err().contains("sample " + i + ": "), a.err());
        }
        assertTrue(a.err().contains("model model/rand/v1"), a.err());
        assertEquals(a.out(), run("", args).out(), "same seed, same samples");
        Run chat = run("", "generate", "--store", store, "--model", "model/rand", "--prompt", "Hi", "--chat",
                "--temperature", "0", "--max-tokens", "6");
        assertEquals(0, chat.code(), chat.err());
        assertTrue(chat.err().contains("stopped by"), chat.err());
    }

    @Test
    void chatReadsTurnsFromAPipe() {
        Run r = run("hello there\n\n/reset\nhow many r in strawberry?\n/quit\nnever read\n", "chat", "--store", store,
                "--model", "model/rand", "--max-tokens", "5", "--seed", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().split("assistant> ", -1).length - 1, r.out());
        assertTrue(r.out().contains("[conversation reset]"), r.out());
        assertTrue(!r.out().contains("you> "), "no prompt when stdin is not a terminal");
        assertTrue(r.err().contains("tool: built-in calculator"), r.err());
    }

    @Test
    void badOptionsNameTheOptionBeforeLoading() {
        String[][] cases = {
                {"--temperature", "-1", "--temperature"},
                {"--top-p", "0", "--top-p"},
                {"--top-k", "-3", "--top-k"},
                {"--max-tokens", "0", "--max-tokens"},
                {"-n", "0", "-n"},
        };
        for (String[] c : cases) {
            Run r = run("", "generate", "--store", store, "--model", "model/rand", "--prompt", "x", c[0], c[1]);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains(c[2]), r.err());
        }
        Run missing = run("", "generate", "--store", store, "--model", "model/nope", "--prompt", "x");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--model"), missing.err());
        Run wrongKind = run("", "chat", "--store", store, "--model", "tokenizer/bytes");
        assertEquals(2, wrongKind.code());
        assertTrue(wrongKind.err().contains("--model") && wrongKind.err().contains("not a model"), wrongKind.err());
    }
}
