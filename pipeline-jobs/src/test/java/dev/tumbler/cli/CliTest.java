package dev.tumbler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class CliTest {
    @TempDir
    Path dir;

    /** Runs the CLI, capturing stdout and stderr. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = TumblerCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String command : List.of("ingest", "tokenizer", "samples", "bench")) {
            assertTrue(r.out().contains(command), "help lists " + command + ":\n" + r.out());
        }
    }

    @Test
    void everyOptionOfEveryCommandShowsItsDefault() {
        List<String> missing = new ArrayList<>();
        visit(new CommandLine(new TumblerCli()).getCommandSpec(), missing);
        assertEquals(List.of(), missing, "options whose help has no default");
        assertTrue(run("ingest", "--help").out().contains("(default: 42)"));
    }

    private static void visit(CommandSpec spec, List<String> missing) {
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || o.required() || o.group() != null) {
                continue;
            }
            if (!String.join(" ", o.description()).contains("default")) {
                missing.add(spec.qualifiedName() + " " + o.longestName());
            }
        }
        spec.subcommands().values().forEach(sub -> visit(sub.getCommandSpec(), missing));
    }

    @Test
    void anInvalidOptionValueNamesTheOption() {
        Run r = run("ingest", "--seed", "abc", "--input", dir.toString(), "--output", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--seed"), r.err());
        Run conf = run("ingest", "--set", "ingest.dedup.jaccard_threshold=2", "--input", dir.toString(),
                "--output", dir.resolve("o").toString());
        assertEquals(2, conf.code());
        assertTrue(conf.err().contains("ingest.dedup.jaccard_threshold"), conf.err());
        Run lang = run("ingest", "--min-lang-confidence", "7", "--input", dir.toString(), "--name", "x");
        assertEquals(2, lang.code());
        assertTrue(lang.err().contains("--min-lang-confidence"), lang.err());
    }

    @Test
    void aMissingInputFailsBeforeAnyWorkStarts() {
        Path store = dir.resolve("store");
        Run r = run("ingest", "--store", store.toString(), "--input", dir.resolve("nope.warc.gz").toString(), "--name", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("input path does not exist"), r.err());
        assertTrue(r.err().contains("nope.warc.gz"), r.err());
        assertTrue(!store.toFile().exists(), "nothing was created in the store");
    }

    @Test
    void nameAndOutputAreExclusive() {
        Run r = run("ingest", "--input", dir.toString(), "--name", "a", "--output", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--name") && r.err().contains("--output"), r.err());
    }
}
