package dev.tumbler.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.artifacts.TokenizerArtifact;
import dev.tumbler.cli.TumblerCli;
import dev.tumbler.generate.RandomModelArtifacts;
import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatJsonl;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.chat.ChatPart;
import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.model.chat.RenderedChat;
import dev.tumbler.model.tokenizer.Json;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tokenizer.TokenizerJson;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.PublishRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sft-data render: ChatTemplate's ids and weights per line; a bad line named on stderr, the rest rendered. */
class SftRenderCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheTemplatesIdsAndWeightsAndNamesBadLines() {
        Tokenizer tokenizer = RandomModelArtifacts.tokenizer();
        String store = dir.resolve("store").toString();
        TokenizerArtifact.publish(ArtifactStore.open(store, new Configuration()), "bytes", tokenizer,
                TokenizerJson.toJson(tokenizer), new PublishRequest("test", Map.of(), List.of(), Map.of()));
        ChatConversation a = ChatConversation.of(ChatMessage.user("What is 6*7?"),
                ChatMessage.assistant(ChatPart.python("6*7"), ChatPart.pythonOutput("42"), ChatPart.text("42.")));
        ChatConversation b = ChatConversation.of(ChatMessage.user("hi"), ChatMessage.assistant("Hello."));
        String input = ChatJsonl.format(a) + "\n{broken\n" + ChatJsonl.format(b) + "\n";

        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = TumblerCli.execute("sft-data", "render", "--store", store, "--tokenizer", "tokenizer/bytes");
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals(1, code);
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(2, lines.length);
        ChatTemplate template = new ChatTemplate(tokenizer);
        assertRendered(template.render(a), lines[0]);
        assertRendered(template.render(b), lines[1]);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("line 2: INVALID_JSON"), errors);
        assertEquals(2, errors.strip().split("\n").length, errors);
    }

    @SuppressWarnings("unchecked")
    private static void assertRendered(RenderedChat expected, String line) {
        Map<String, Object> json = (Map<String, Object>) Json.parse(line);
        List<Object> ids = (List<Object>) json.get("ids");
        List<Object> weights = (List<Object>) json.get("weights");
        assertEquals(expected.length(), ids.size());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(expected.ids()[i], ((Number) ids.get(i)).intValue(), "id " + i);
            assertEquals(expected.weights()[i], ((Number) weights.get(i)).floatValue(), "weight " + i);
        }
        assertTrue(expected.supervisedTokens() > 0);
    }
}
