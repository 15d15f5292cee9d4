package dev.tumbler.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.cli.TumblerCli;
import dev.tumbler.ingest.testing.SharedSpark;
import dev.tumbler.model.chat.ChatReject;
import dev.tumbler.model.tokenizer.Json;
import dev.tumbler.store.ArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sft-data import through the CLI: every rejection reason counted, kept with its line, and nothing lost. */
@Tag("slow")
class SftImportJobTest {
    @TempDir
    Path dir;

    static final String GOOD = "[{\"role\":\"user\",\"content\":\"Q%d?\"},{\"role\":\"assistant\",\"content\":\"A.\"}]";

    @Test
    void countsEachReasonAndKeepsTheRejectedLines() throws Exception {
        List<String> bad = List.of(
                "{not json",
                "{\"messages\": 3}",
                "[{\"role\":\"robot\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"A.\"}]",
                "[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"image\",\"text\":\"x\"}]}]",
                "[{\"role\":\"user\",\"content\":\"  \"},{\"role\":\"assistant\",\"content\":\"A.\"}]",
                "[{\"role\":\"assistant\",\"content\":\"A.\"}]",
                "[{\"role\":\"user\",\"content\":\"hi\"}]");
        List<String> a = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            a.add(String.format(GOOD, i));
        }
        a.add(3, bad.get(0));
        a.add(bad.get(1));
        List<String> b = new java.util.ArrayList<>(bad.subList(2, bad.size()));
        b.add(String.format(GOOD, 0));   // the same question as in a.jsonl: same split
        b.add("{\"id\":1,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\","
                + "\"content\":\"Q99?\"},{\"role\":\"assistant\",\"content\":\"A.\"}]}");
        Path fa = Files.write(dir.resolve("a.jsonl"), a, StandardCharsets.UTF_8);
        Path fb = Files.write(dir.resolve("b.jsonl"), b, StandardCharsets.UTF_8);
        SharedSpark.get();
        String store = dir.resolve("store").toString();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = TumblerCli.execute("sft-data", "import", "--store", store, "--master", "local[2]", "--input",
                    fa.toString(), fb.toString(), "--name", "mine", "--set", "sft_data.val_fraction=0.3");
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        String[] lines = printed.strip().split("\n");
        assertEquals("artifact: conversations/mine/v1", lines[lines.length - 1]);

        ConversationsArtifact c = ConversationsArtifact.read(ArtifactStore.open(store, new Configuration()),
                "conversations/mine", "--conversations");
        assertEquals(a.size() + b.size(), c.lines());
        assertEquals(c.lines(), c.conversations() + c.rejected());
        assertEquals(32, c.conversations());
        Map<String, Long> expected = new TreeMap<>();
        Arrays.stream(ChatReject.values()).forEach(r -> expected.put(r.name(), 1L));
        assertEquals(expected, c.rejectedByReason());

        List<Row> rejected = SharedSpark.get().read().parquet(c.location() + "/_rejected").collectAsList();
        Map<String, Row> byReason = rejected.stream().collect(Collectors.toMap(
                r -> r.getString(r.fieldIndex("reason")), r -> r));
        Row json = byReason.get("INVALID_JSON");
        assertEquals(fa.toString(), json.getString(json.fieldIndex("file")));
        assertEquals(4L, json.getLong(json.fieldIndex("line_number")));
        assertEquals("{not json", json.getString(json.fieldIndex("raw")));
        Row role = byReason.get("UNKNOWN_ROLE");
        assertEquals(fb.toString(), role.getString(role.fieldIndex("file")));
        assertEquals(1L, role.getLong(role.fieldIndex("line_number")));
        assertTrue(role.getString(role.fieldIndex("detail")).contains("robot"));

        List<Row> all = c.rows(SharedSpark.get(), "train").union(c.rows(SharedSpark.get(), "val")).collectAsList();
        long q0 = all.stream().filter(r -> r.getString(r.fieldIndex("question")).equals("q0?")).count();
        assertEquals(2, q0);
        assertEquals(1, all.stream().filter(r -> r.getString(r.fieldIndex("question")).equals("q0?"))
                .map(r -> QuestionSplit.splitOf("Q0?", 0.3)).distinct().count());
        assertTrue(all.stream().anyMatch(r -> r.getString(r.fieldIndex("messages_json"))
                .contains("Be brief.\\n\\nQ99?")), "the system message is merged");
        org.apache.hadoop.fs.Path stats = new org.apache.hadoop.fs.Path(c.location(), "_stats.json");
        try (var in = stats.getFileSystem(new Configuration()).open(stats)) {
            Map<?, ?> written = (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(c.lines(), ((Number) written.get("lines")).longValue());
            assertEquals(c.rejected(), ((Number) ((Map<?, ?>) written.get("rejected")).get("total")).longValue());
        }
    }
}
