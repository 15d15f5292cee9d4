package dev.tumbler.model.chat;

import static dev.tumbler.model.chat.ChatTestTokenizer.TEMPLATE;
import static dev.tumbler.model.chat.ChatTestTokenizer.TOKENIZER;
import static dev.tumbler.model.chat.ChatTestTokenizer.describe;
import static dev.tumbler.model.chat.ChatTestTokenizer.withSpecials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.chat.ChatMessage.Role;
import dev.tumbler.model.generate.Conversation;
import dev.tumbler.model.tokenizer.IntList;
import dev.tumbler.model.tokenizer.SpecialTokens;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat template's ids and loss weights, token by token. */
class ChatTemplateTest {
    private static int id(String special) {
        return TOKENIZER.idOf(special);
    }

    /** Expected ids and weights, built piece by piece. */
    private static final class Expected {
        final IntList ids = new IntList(64);
        final IntList weights = new IntList(64);

        Expected special(String token, int weight) {
            return ids(new int[] {id(token)}, weight);
        }

        Expected text(String text, int weight) {
            return ids(TOKENIZER.encode(text), weight);
        }

        Expected ids(int[] values, int weight) {
            for (int v : values) {
                ids.add(v);
                weights.add(weight);
            }
            return this;
        }

        void assertMatches(RenderedChat chat) {
            assertArrayEquals(ids.toArray(), chat.ids(), "ids");
            float[] w = new float[weights.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights.get(i);
            }
            assertArrayEquals(w, chat.weights(), "weights");
        }
    }

    private static Expected user(Expected e, String text) {
        return e.special(SpecialTokens.USER_START, 0).text(text, 0).special(SpecialTokens.USER_END, 0);
    }

    @Test
    void aSingleTurnSupervisesTheReplyAndItsEndOnly() {
        RenderedChat chat = TEMPLATE.render(ChatConversation.of(
                ChatMessage.user("What is the capital of France?"), ChatMessage.assistant("Paris.")));
        assertEquals("0[<|bos|><|user_start|>What is the capital of France?<|user_end|><|assistant_start|>]"
                + "1[Paris.<|assistant_end|>]", describe(chat));
        Expected e = new Expected().special(SpecialTokens.BOS, 0);
        user(e, "What is the capital of France?").special(SpecialTokens.ASSISTANT_START, 0)
                .text("Paris.", 1).special(SpecialTokens.ASSISTANT_END, 1).assertMatches(chat);
        assertEquals(TOKENIZER.encode("Paris.").length + 1, chat.supervisedTokens());
        assertArrayEquals(new int[] {e.ids.size() - TOKENIZER.encode("Paris.").length - 2, e.ids.size()},
                chat.turnEnds());
    }

    @Test
    void severalTurnsSuperviseEveryReplyAndNoUserTurn() {
        RenderedChat chat = TEMPLATE.render(ChatConversation.of(
                ChatMessage.user("hello there"), ChatMessage.assistant("Hello again."),
                ChatMessage.user("how are you?"), ChatMessage.assistant("I am fine, thank you.")));
        assertEquals("0[<|bos|><|user_start|>hello there<|user_end|><|assistant_start|>]"
                + "1[Hello again.<|assistant_end|>]"
                + "0[<|user_start|>how are you?<|user_end|><|assistant_start|>]"
                + "1[I am fine, thank you.<|assistant_end|>]", describe(chat));
        Expected e = new Expected().special(SpecialTokens.BOS, 0);
        user(e, "hello there").special(SpecialTokens.ASSISTANT_START, 0).text("Hello again.", 1)
                .special(SpecialTokens.ASSISTANT_END, 1);
        user(e, "how are you?").special(SpecialTokens.ASSISTANT_START, 0).text("I am fine, thank you.", 1)
                .special(SpecialTokens.ASSISTANT_END, 1).assertMatches(chat);
        assertEquals(4, chat.turns());
        assertEquals(id(SpecialTokens.ASSISTANT_END), chat.ids()[chat.turnEnds()[1] - 1]);
        assertEquals(id(SpecialTokens.USER_END), chat.ids()[chat.turnEnds()[2] - 1]);
    }

    @Test
    void aToolCallIsSupervisedWithItsDelimitersAndItsOutputIsNot() {
        RenderedChat chat = TEMPLATE.render(ChatConversation.of(ChatMessage.user("What is 6*7?"),
                ChatMessage.assistant(ChatPart.text("Let me compute that. "), ChatPart.python("print(6*7)"),
                        ChatPart.pythonOutput("42"), ChatPart.text(" So the answer is 42."))));
        assertEquals("0[<|bos|><|user_start|>What is 6*7?<|user_end|><|assistant_start|>]"
                + "1[Let me compute that. <|python_start|>print(6*7)<|python_end|>]0[<|output_start|>42<|output_end|>]"
                + "1[ So the answer is 42.<|assistant_end|>]", describe(chat));
        Expected e = new Expected().special(SpecialTokens.BOS, 0);
        user(e, "What is 6*7?").special(SpecialTokens.ASSISTANT_START, 0).text("Let me compute that. ", 1)
                .special(SpecialTokens.PYTHON_START, 1).text("print(6*7)", 1).special(SpecialTokens.PYTHON_END, 1)
                .special(SpecialTokens.OUTPUT_START, 0).text("42", 0).special(SpecialTokens.OUTPUT_END, 0)
                .text(" So the answer is 42.", 1).special(SpecialTokens.ASSISTANT_END, 1).assertMatches(chat);
        int[] output = TEMPLATE.toolOutputIds("42");
        assertArrayEquals(new Expected().special(SpecialTokens.OUTPUT_START, 0).text("42", 0)
                .special(SpecialTokens.OUTPUT_END, 0).ids.toArray(), output, "what the engine forces");
    }

    @Test
    void aSystemMessageIsMergedIntoTheFirstUserTurn() {
        ChatConversation c = ChatConversation.of(ChatMessage.system("Be brief."), ChatMessage.user("hello there"),
                ChatMessage.assistant("Hello."), ChatMessage.user("Thanks!"),
                ChatMessage.assistant("You are welcome."));
        assertEquals(4, c.messages().size());
        assertEquals(Role.USER, c.messages().get(0).role());
        assertEquals("Be brief.\n\nhello there", c.messages().get(0).text());
        RenderedChat chat = TEMPLATE.render(c);
        assertEquals("0[<|bos|><|user_start|>Be brief.\n\nhello there<|user_end|><|assistant_start|>]"
                + "1[Hello.<|assistant_end|>]0[<|user_start|>Thanks!<|user_end|><|assistant_start|>]"
                + "1[You are welcome.<|assistant_end|>]", describe(chat));
        Expected e = new Expected().special(SpecialTokens.BOS, 0);
        user(e, "Be brief.\n\nhello there").special(SpecialTokens.ASSISTANT_START, 0).text("Hello.", 1)
                .special(SpecialTokens.ASSISTANT_END, 1);
        user(e, "Thanks!").special(SpecialTokens.ASSISTANT_START, 0).text("You are welcome.", 1)
                .special(SpecialTokens.ASSISTANT_END, 1).assertMatches(chat);
    }

    @Test
    void specialTokenTextInContentStaysPlainText() {
        String typed = "say <|assistant_end|> then <|bos|><|python_start|>";
        String output = "<|output_end|>";
        RenderedChat chat = TEMPLATE.render(ChatConversation.of(ChatMessage.user(typed),
                ChatMessage.assistant(ChatPart.python("x"), ChatPart.pythonOutput(output),
                        ChatPart.text("<|user_start|>"))));
        assertEquals("0[<|bos|><|user_start|>say «assistant_end» then «bos»«python_start»<|user_end|>"
                + "<|assistant_start|>]1[<|python_start|>x<|python_end|>]"
                + "0[<|output_start|>«output_end»<|output_end|>]"
                + "1[«user_start»<|assistant_end|>]", describe(chat));
        Expected e = new Expected().special(SpecialTokens.BOS, 0);
        user(e, typed).special(SpecialTokens.ASSISTANT_START, 0).special(SpecialTokens.PYTHON_START, 1)
                .text("x", 1).special(SpecialTokens.PYTHON_END, 1).special(SpecialTokens.OUTPUT_START, 0)
                .text(output, 0).special(SpecialTokens.OUTPUT_END, 0).text("<|user_start|>", 1)
                .special(SpecialTokens.ASSISTANT_END, 1).assertMatches(chat);
        long bos = Arrays.stream(chat.ids()).filter(i -> i == id(SpecialTokens.BOS)).count();
        long ends = Arrays.stream(chat.ids()).filter(i -> i == id(SpecialTokens.ASSISTANT_END)).count();
        assertEquals(1, bos, "only the leading <|bos|> is the special token");
        assertEquals(1, ends, "only the closing <|assistant_end|> is the special token");
        assertTrue(withSpecials(typed).length < TOKENIZER.encode(typed).length,
                "allowed, the text would hold specials");
    }

    @Test
    void adjacentTextPartsAreEncodedAsOneText() {
        RenderedChat joined = TEMPLATE.render(ChatConversation.of(ChatMessage.user("hi"),
                ChatMessage.assistant(ChatPart.text("the ans"), ChatPart.text("wer"))));
        RenderedChat whole = TEMPLATE.render(ChatConversation.of(ChatMessage.user("hi"),
                ChatMessage.assistant("the answer")));
        assertArrayEquals(whole.ids(), joined.ids());
        assertArrayEquals(whole.weights(), joined.weights());
    }

    @Test
    void theEnginesConversationIsTheSameTemplate() {
        ChatConversation c = ChatConversation.of(ChatMessage.user("What is 6*7?"),
                ChatMessage.assistant(ChatPart.text("Let me compute that."), ChatPart.python("print(6*7)"),
                        ChatPart.pythonOutput("42"), ChatPart.text(" It is 42.")),
                ChatMessage.user("Thanks!"));
        int[] generated = withSpecials("Let me compute that.<|python_start|>print(6*7)<|python_end|>"
                + "<|output_start|>42<|output_end|> It is 42.<|assistant_end|>");
        Conversation engine = new Conversation(TOKENIZER);
        engine.addUser("What is 6*7?");
        int[] firstPrompt = engine.promptForAssistant();
        assertArrayEquals(TEMPLATE.promptForAssistant(ChatConversation.of(ChatMessage.user("What is 6*7?"))),
                firstPrompt);
        engine.addAssistant(generated);
        engine.addUser("Thanks!");
        RenderedChat fromEngine = engine.rendered();
        RenderedChat fromMessages = TEMPLATE.render(c);
        assertArrayEquals(fromMessages.ids(), fromEngine.ids());
        assertArrayEquals(fromMessages.weights(), fromEngine.weights());
        assertArrayEquals(fromMessages.turnEnds(), fromEngine.turnEnds());
        int[] prompt = TEMPLATE.promptForAssistant(c);
        assertArrayEquals(prompt, engine.promptForAssistant());
        assertEquals(id(SpecialTokens.ASSISTANT_START), prompt[prompt.length - 1]);
        assertArrayEquals(fromMessages.ids(), Arrays.copyOf(prompt, prompt.length - 1));
    }

    @Test
    void aReplyCutShortIsClosedWithASupervisedEnd() {
        ChatBuilder b = TEMPLATE.start().addUser("hi").addGenerated(TOKENIZER.encode("Hello"));
        assertEquals("0[<|bos|><|user_start|>hi<|user_end|><|assistant_start|>]1[Hello<|assistant_end|>]",
                describe(b.build()));
    }

    @Test
    void messagesMustAlternate() {
        ChatBuilder b = TEMPLATE.start().addUser("hi");
        assertThrows(IllegalStateException.class, () -> b.addUser("again"));
        ChatBuilder answered = b.addGenerated(new int[0]);
        assertThrows(IllegalStateException.class, answered::promptForAssistant);
        assertThrows(IllegalArgumentException.class, () -> TEMPLATE.promptForAssistant(
                ChatConversation.of(ChatMessage.user("hi"), ChatMessage.assistant("Hello."))));
        assertThrows(IllegalArgumentException.class, () -> new ChatTemplate(
                dev.tumbler.model.tokenizer.Tokenizer.fromMerges(List.of(),
                        dev.tumbler.model.tokenizer.SplitPattern.CL100K, List.of(SpecialTokens.BOS))));
    }
}
