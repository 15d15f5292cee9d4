package dev.tumbler.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatRendererTest {
    @Test
    void toolCallsAndOutputsAreShownReadably() {
        Tokenizer t = RandomModelArtifacts.tokenizer();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChatRenderer r = new ChatRenderer(t, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int[] ids = t.encode("Let me count: <|python_start|>count('strawberry', 'r')<|python_end|>"
                + "<|output_start|>3<|output_end|>So 3 r's. é<|assistant_end|>", Set.copyOf(SpecialTokens.ALL));
        for (int id : ids) {
            r.onToken(0, id, false);
            r.onToken(1, id, false);                 // other samples are not shown
        }
        r.finish();
        assertEquals("Let me count: [python] count('strawberry', 'r') [/python] [output] 3 [/output] So 3 r's. é\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
