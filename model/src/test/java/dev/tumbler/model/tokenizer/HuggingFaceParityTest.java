package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported {@code tokenizer.json} files make HF tokenizers (through DJL) give Tumbler's ids: for
 * tokenizers trained by {@link BpeTrainer} and for OpenAI vocabularies loaded from rank files.
 */
class HuggingFaceParityTest {
    @TempDir
    Path dir;

    private void assertSameIds(Tokenizer tumbler, String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        TokenizerJson.save(tumbler, file);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, Map.of("truncation", "false"))) {
            for (String doc : TestTexts.documents()) {
                long[] expected = Arrays.stream(tumbler.encode(doc)).asLongStream().toArray();
                assertArrayEquals(expected, hf.encode(doc, false, false).getIds(),
                        () -> name + " differs on: " + doc.substring(0, Math.min(80, doc.length())));
            }
            String large = TestTexts.large();
            assertArrayEquals(Arrays.stream(tumbler.encode(large)).asLongStream().toArray(),
                    hf.encode(large, false, false).getIds(), name + " differs on the large text");
        }
    }

    @Test
    void trainedTokenizer() throws IOException {
        Tokenizer trained = TrainedTokenizers.train(TestTexts.PROSE + TestTexts.CODE + TestTexts.SCRIPTS + TestTexts.large(),
                2000, SplitPattern.CL100K);
        assertSameIds(trained, "trained");
    }

    @Test
    void trainedTokenizerWithTheGpt2Pattern() throws IOException {
        Tokenizer trained = TrainedTokenizers.train(TestTexts.PROSE + TestTexts.CODE + TestTexts.large(), 1000,
                SplitPattern.GPT2);
        assertSameIds(trained, "trained-gpt2");
    }

    @Test
    void cl100kFromRanks() throws IOException {
        assertSameIds(Reference.tumbler("cl100k_base"), "cl100k");
    }

    @Test
    void o200kFromRanks() throws IOException {
        assertSameIds(Reference.tumbler("o200k_base"), "o200k");
    }
}
