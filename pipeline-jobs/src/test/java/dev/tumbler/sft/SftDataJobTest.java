package dev.tumbler.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.ingest.testing.SharedSpark;
import dev.tumbler.jobs.RunContext;
import dev.tumbler.jobs.SftDataJob;
import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatPart;
import dev.tumbler.samples.SotuFixture;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sft-data on fixture files: sources, copies, the question-hash split, a skipped source, determinism. */
@Tag("slow")
class SftDataJobTest {
    @TempDir
    static Path dir;
    static ArtifactStore store;
    static ConversationsArtifact first;
    static String printed;

    static ArtifactRef run(String name, long seed) throws Exception {
        Path quiz = Files.createDirectories(dir.resolve("quiz"));
        Files.writeString(quiz.resolve("index"), "/x/africa:Africa{n}:cap{ital}\n");
        Files.writeString(quiz.resolve("africa"), "Algeria:Algiers\nAngola:Luanda\nBenin:Porto-Novo\nChad:N'Djamena\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> sets = List.of("sft_data.val_fraction=0.3", "sft_data.quiz.dir=" + quiz,
                "sft_data.wordnet.dir=" + dir.resolve("no-wordnet"), "sft_data.riddles.count=0",
                "sft_data.arithmetic.count=60", "sft_data.letter_count.count=20", "sft_data.word_problems.count=10",
                "sft_data.identity.oversample=3", "sft_data.sotu.count=5");
        RunContext context = new RunContext(dir.resolve("store").toString(), "local[2]", seed, null, sets, false,
                "test");
        SftDataJob job = new SftDataJob(new SftDataJob.Request(context, name, dir.resolve("cache"), false),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                SotuFixture.sample(dir.resolve("sotu-" + name), new Object[] {1790, "George Washington", "none"},
                        new Object[] {1862, "Abraham Lincoln", "Republican"}));
        ArtifactRef ref = job.run().orElseThrow();
        printed = out.toString(StandardCharsets.UTF_8);
        return ref;
    }

    @BeforeAll
    static void build() throws Exception {
        SharedSpark.get();
        ArtifactRef ref = run("mix", 5);
        store = ArtifactStore.open(dir.resolve("store").toString(), new Configuration());
        first = ConversationsArtifact.read(store, ref.toString(), "--conversations");
    }

    private static List<Row> rows(ConversationsArtifact a, String split) {
        return a.rows(SharedSpark.get(), split).collectAsList();
    }

    @Test
    void countsEachSourceAndCopiesAndNamesTheSkippedOne() {
        Map<String, Long> bySource = new java.util.TreeMap<>();
        first.splits().values().forEach(s -> s.bySource().forEach((k, v) -> bySource.merge(k, v, Long::sum)));
        assertEquals(Map.of("arithmetic", 60L, "identity", 36L, "letter_count", 20L, "quiz", 4L, "sotu", 5L,
                "word_problems", 10L), bySource);
        assertEquals(first.lines(), first.conversations() + first.rejected());
        assertEquals(0, first.rejected());
        assertEquals(Set.of("wordnet"), first.skipped().keySet());
        assertTrue(first.skipped().get("wordnet").contains("wordnet-base"), first.skipped().toString());
        assertTrue(printed.contains("skipping wordnet"), printed);
        assertTrue(first.splits().get("val").conversations() > 0);
    }

    @Test
    void noQuestionIsInBothSplitsAndCopiesStayTogether() {
        Set<String> train = rows(first, "train").stream().map(r -> r.getString(r.fieldIndex("question")))
                .collect(Collectors.toSet());
        Set<String> val = rows(first, "val").stream().map(r -> r.getString(r.fieldIndex("question")))
                .collect(Collectors.toSet());
        Set<String> both = new HashSet<>(train);
        both.retainAll(val);
        assertEquals(Set.of(), both);
        for (String q : train) {
            assertEquals("train", QuestionSplit.splitOf(q, 0.3));
        }
        Set<String> ids = new HashSet<>();
        for (String split : List.of("train", "val")) {
            for (Row r : rows(first, split)) {
                assertTrue(ids.add(r.getString(r.fieldIndex("id"))), "unique ids");
            }
        }
    }

    @Test
    void rowsReadBackAsConversationsWithToolCalls() {
        List<ChatConversation> arithmetic = rows(first, "train").stream()
                .filter(r -> r.getString(r.fieldIndex("source")).equals("arithmetic"))
                .map(ConversationsArtifact::conversation).toList();
        assertTrue(!arithmetic.isEmpty());
        for (ChatConversation c : arithmetic) {
            List<ChatPart> parts = c.messages().get(1).parts();
            assertEquals(List.of(ChatPart.Kind.PYTHON, ChatPart.Kind.PYTHON_OUTPUT, ChatPart.Kind.TEXT),
                    parts.stream().map(ChatPart::kind).toList());
        }
    }

    @Test
    void theSameSeedGivesTheSameConversations() throws Exception {
        ConversationsArtifact again = ConversationsArtifact.read(store, run("again", 5).toString(), "x");
        for (String split : List.of("train", "val")) {
            assertEquals(messages(first, split), messages(again, split), split);
        }
        ConversationsArtifact other = ConversationsArtifact.read(store, run("other", 6).toString(), "x");
        assertTrue(!messages(first, "train").equals(messages(other, "train")));
    }

    private static Map<String, String> messages(ConversationsArtifact a, String split) {
        return rows(a, split).stream().collect(Collectors.toMap(r -> r.getString(r.fieldIndex("id")),
                r -> r.getString(r.fieldIndex("messages_json"))));
    }
}
