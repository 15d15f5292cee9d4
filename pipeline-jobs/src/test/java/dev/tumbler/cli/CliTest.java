package dev.tumbler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class CliTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsTheCommands() {
        CliRun r = run("--help");
        assertEquals(0, r.code());
        for (String command : List.of("ingest", "tokenizer", "shard", "pretrain", "artifacts", "samples", "bench")) {
            assertTrue(r.out().contains(command), "help lists " + command + ":\n" + r.out());
        }
    }

    @Test
    void everyOptionOfEveryCommandShowsItsDefault() {
        List<String> missing = new ArrayList<>();
        visit(new CommandLine(new TumblerCli()).getCommandSpec(), missing);
        assertEquals(List.of(), missing, "options whose help has no default");
        assertTrue(run("ingest", "--help").out().contains("(default: 42)"));
        assertTrue(run("artifacts", "gc", "--help").out().replaceAll("\\s+", " ").contains("(default: 24h)"));
        assertTrue(run("artifacts", "list", "--help").out().replaceAll("\\s+", " ").contains("(default: every artifact)"));
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
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.arity().min() == 0 && !String.join(" ", p.description()).contains("default")) {
                missing.add(spec.qualifiedName() + " " + p.paramLabel());
            }
        }
        spec.subcommands().values().forEach(sub -> visit(sub.getCommandSpec(), missing));
    }

    @Test
    void anInvalidOptionValueNamesTheOption() {
        CliRun r = run("ingest", "--seed", "abc", "--input", dir.toString(), "--output", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--seed"), r.err());
        CliRun conf = run("ingest", "--set", "ingest.dedup.jaccard_threshold=2", "--input", dir.toString(),
                "--output", dir.resolve("o").toString());
        assertEquals(2, conf.code());
        assertTrue(conf.err().contains("ingest.dedup.jaccard_threshold"), conf.err());
        CliRun lang = run("ingest", "--min-lang-confidence", "7", "--input", dir.toString(), "--name", "x");
        assertEquals(2, lang.code());
        assertTrue(lang.err().contains("--min-lang-confidence"), lang.err());
    }

    @Test
    void aMissingInputFailsBeforeAnyWorkStarts() {
        Path store = dir.resolve("store");
        CliRun r = run("ingest", "--store", store.toString(), "--input", dir.resolve("nope.warc.gz").toString(), "--name", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("input path does not exist"), r.err());
        assertTrue(r.err().contains("nope.warc.gz"), r.err());
        assertTrue(!store.toFile().exists(), "nothing was created in the store");
    }

    @Test
    void nameAndOutputAreExclusive() {
        CliRun r = run("ingest", "--input", dir.toString(), "--name", "a", "--output", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--name") && r.err().contains("--output"), r.err());
    }
}
