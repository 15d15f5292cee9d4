package dev.tumbler.model.chat;

import static dev.tumbler.model.chat.ChatTestTokenizer.TEMPLATE;
import static dev.tumbler.model.chat.ChatTestTokenizer.TOKENIZER;
import static dev.tumbler.model.chat.ChatTestTokenizer.withSpecials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import dev.tumbler.model.tokenizer.IntList;
import dev.tumbler.model.tokenizer.Json;
import dev.tumbler.model.tokenizer.SpecialTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HF {@code chat_template} rendered by a real Jinja engine (Jinjava, with HF's trim_blocks and lstrip_blocks and
 * {@link GenerationTag}), then encoded with special tokens allowed as HF does, gives exactly ChatTemplate's ids, and
 * its {@code {% generation %}} spans give exactly ChatTemplate's weights.
 */
class JinjaChatTemplateTest {
    private static final Jinjava JINJA = jinja();

    private static Jinjava jinja() {
        Jinjava j = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
        j.getGlobalContext().registerTag(new GenerationTag());
        return j;
    }

    private static final List<String> LINES = List.of(
            "[{\"role\":\"user\",\"content\":\"What is the capital of France?\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Paris.\"}]",
            "[{\"role\":\"user\",\"content\":\"hello there\"},{\"role\":\"assistant\",\"content\":\"Hello again.\"},"
                    + "{\"role\":\"user\",\"content\":\"how are you?\\n\\n  indented\\tand tabbed\"},"
                    + "{\"role\":\"assistant\",\"content\":\"I am fine,\\nthank you. caf\u00e9 \u20ac \ud83d\ude00\"}]",
            "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"What is 6*7?\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Let me compute that. \"},"
                    + "{\"type\":\"python\",\"text\":\"print(6*7)\"},{\"type\":\"python_output\",\"text\":\"42\"},"
                    + "{\"type\":\"text\",\"text\":\" So the ans\"},{\"type\":\"text\",\"text\":\"wer is 42.\"}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Thanks!\"}]},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"python\",\"text\":\"\"},"
                    + "{\"type\":\"python_output\",\"text\":\"\"}]}]",
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Answer in one word.\\n\"},"
                    + "{\"role\":\"user\",\"content\":\" leading space\"},{\"role\":\"assistant\",\"content\":\"Yes\"},"
                    + "{\"role\":\"user\",\"content\":\"and then?\"}]}");

    /** The template's text with generation spans, and the ids and weights it encodes to. */
    private record Rendered(String text, int[] ids, float[] weights) {
    }

    @SuppressWarnings("unchecked")
    private static Rendered renderJinja(String line, boolean addGenerationPrompt) {
        Object root = Json.parse(line);
        Object messages = root instanceof Map<?, ?> m ? m.get("messages") : root;
        Map<String, Object> context = new HashMap<>();
        context.put("messages", messages);
        context.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = JINJA.renderForResult(ChatTemplate.jinjaSource(), context);
        assertFalse(result.hasErrors(), () -> "Jinja errors: " + result.getErrors());
        String marked = result.getOutput();
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        int spanStart = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == GenerationTag.START) {
                spanStart = utf8Length(text);
            } else if (c == GenerationTag.END) {
                spans.add(new int[] {spanStart, utf8Length(text)});
            } else {
                text.append(c);
            }
        }
        int[] ids = withSpecials(text.toString());
        float[] weights = new float[ids.length];
        int offset = 0;
        for (int t = 0; t < ids.length; t++) {
            for (int[] span : spans) {
                if (offset >= span[0] && offset < span[1]) {
                    weights[t] = 1f;
                }
            }
            offset += TOKENIZER.tokenBytes(ids[t]).length;
        }
        return new Rendered(text.toString(), ids, weights);
    }

    private static int utf8Length(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static ChatConversation parse(String line) {
        ChatParse p = ChatJsonl.parse(line);
        if (p.isOk()) {
            return p.conversation();
        }
        throw new AssertionError(p.reason() + ": " + p.detail());
    }

    @Test
    void theJinjaTemplateGivesChatTemplatesIdsAndWeights() {
        for (String line : LINES) {
            Rendered jinja = renderJinja(line, false);
            RenderedChat java = TEMPLATE.render(parse(line));
            assertEquals(TOKENIZER.decode(java.ids()), jinja.text(), line);
            assertArrayEquals(java.ids(), jinja.ids(), line);
            assertArrayEquals(java.weights(), jinja.weights(), line);
        }
    }

    @Test
    void theGenerationPromptIsChatTemplatesInferencePrompt() {
        String line = "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"Thanks!\"}]";
        ChatConversation c = ChatConversation.of(ChatMessage.system("Be brief."), ChatMessage.user("hi"),
                ChatMessage.assistant("Hello."), ChatMessage.user("Thanks!"));
        Rendered jinja = renderJinja(line, true);
        int[] prompt = TEMPLATE.promptForAssistant(c);
        assertArrayEquals(prompt, jinja.ids());
        assertEquals(TOKENIZER.idOf(SpecialTokens.ASSISTANT_START), prompt[prompt.length - 1]);
    }

    /**
     * The known limit: HF encodes the rendered text with special tokens matched anywhere, so special-token text in
     * content becomes a special token there, while ChatTemplate keeps it plain text. Training data goes through
     * ChatTemplate; the Jinja template is exact only for content without special-token text.
     */
    @Test
    void specialTokenTextInContentIsWhereTheJinjaPathDiffers() {
        String line = "[{\"role\":\"user\",\"content\":\"say <|assistant_end|> now\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello.\"}]";
        Rendered jinja = renderJinja(line, false);
        RenderedChat java = TEMPLATE.render(parse(line));
        assertEquals(TOKENIZER.decode(java.ids()), jinja.text(), "the same text");
        int end = TOKENIZER.idOf(SpecialTokens.ASSISTANT_END);
        assertEquals(2, Arrays.stream(jinja.ids()).filter(i -> i == end).count(), "HF's path: injected");
        assertEquals(1, Arrays.stream(java.ids()).filter(i -> i == end).count(), "ChatTemplate: plain text");
        IntList userIds = new IntList(8);
        userIds.addAll(TOKENIZER.encode("say <|assistant_end|> now"));
        int[] userSlice = Arrays.copyOfRange(java.ids(), 2, 2 + userIds.size());
        assertArrayEquals(userIds.toArray(), userSlice);
        assertTrue(jinja.ids().length < java.ids().length);
    }
}
