package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static final Tokenizer TRAINED = TrainedTokenizers.train(TestTexts.PROSE + TestTexts.CODE + TestTexts.large(), 300,
            SplitPattern.CL100K);

    @Test
    void decodeInvertsEncodeOnRandomStrings() {
        Tokenizer cl100k = Reference.tumbler("cl100k_base");
        Random random = new Random(99);
        for (int i = 0; i < 3_000; i++) {
            String text = TestTexts.randomUnicode(random, random.nextInt(60));
            assertEquals(text, cl100k.decode(cl100k.encode(text)));
            assertEquals(text, TRAINED.decode(TRAINED.encode(text)));
        }
        for (String doc : TestTexts.documents()) {
            assertEquals(doc, TRAINED.decode(TRAINED.encode(doc)));
        }
    }

    @Test
    void decodeBytesKeepsSplitCharactersAndDecodeReplacesThem() {
        Tokenizer cl100k = Reference.tumbler("cl100k_base");
        int[] ids = cl100k.encode("😀");
        assertTrue(ids.length > 1, "the emoji should take several tokens");
        int[] first = Arrays.copyOf(ids, 1);
        byte[] bytes = cl100k.decodeBytes(first);
        assertArrayEquals(Arrays.copyOf("😀".getBytes(StandardCharsets.UTF_8), bytes.length), bytes);
        assertEquals(new String(bytes, StandardCharsets.UTF_8), cl100k.decode(first));
        assertTrue(cl100k.decode(first).contains("\uFFFD"));
    }

    @Test
    void unknownIdsAreRejectedByName() {
        Tokenizer cl100k = Reference.tumbler("cl100k_base");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cl100k.decode(new int[] {100256}));
        assertTrue(e.getMessage().contains("100256"));
        assertThrows(IllegalArgumentException.class, () -> cl100k.decode(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> cl100k.tokenBytes(cl100k.vocabSize()));
    }

    @Test
    void specialTokensFollowTheMergesInOrder() {
        int merges = TRAINED.vocabSize() - 256 - SpecialTokens.ALL.size();
        assertEquals(300, merges);
        for (int k = 0; k < SpecialTokens.ALL.size(); k++) {
            String special = SpecialTokens.ALL.get(k);
            assertEquals(256 + merges + k, TRAINED.idOf(special));
            assertArrayEquals(special.getBytes(StandardCharsets.UTF_8), TRAINED.tokenBytes(256 + merges + k));
        }
        assertEquals(SpecialTokens.ALL, new ArrayList<>(TRAINED.specialTokens().keySet()));
        for (int b = 0; b < 256; b++) {
            assertArrayEquals(new byte[] {(byte) b}, TRAINED.tokenBytes(b));
        }
    }

    @Test
    void specialTokenTextIsOrdinaryUnlessAllowed() {
        String text = "Hello <|assistant_start|>world<|assistant_end|><|bos|>";
        int start = TRAINED.idOf(SpecialTokens.ASSISTANT_START);
        int[] ordinary = TRAINED.encode(SpecialTokens.ASSISTANT_START);
        assertTrue(ordinary.length > 1);
        assertTrue(Arrays.stream(TRAINED.encode(text)).allMatch(id -> id < 256 + 300));
        assertEquals(text, TRAINED.decode(TRAINED.encode(text)));

        assertArrayEquals(new int[] {start}, TRAINED.encode(SpecialTokens.ASSISTANT_START,
                Set.of(SpecialTokens.ASSISTANT_START)));
        int[] allowed = TRAINED.encode(text, Set.copyOf(SpecialTokens.ALL));
        List<Integer> expected = new ArrayList<>();
        for (int id : TRAINED.encode("Hello ")) {
            expected.add(id);
        }
        expected.add(start);
        for (int id : TRAINED.encode("world")) {
            expected.add(id);
        }
        expected.add(TRAINED.idOf(SpecialTokens.ASSISTANT_END));
        expected.add(TRAINED.idOf(SpecialTokens.BOS));
        assertEquals(expected, Arrays.stream(allowed).boxed().toList());
        assertEquals(text, TRAINED.decode(allowed));

        int[] onlyEnd = TRAINED.encode(text, Set.of(SpecialTokens.ASSISTANT_END));
        assertEquals(1, Arrays.stream(onlyEnd).filter(id -> id >= 256 + 300).count());
        assertThrows(IllegalArgumentException.class, () -> TRAINED.encode(text, Set.of("<|nope|>")));
        assertThrows(IllegalArgumentException.class, () -> TRAINED.idOf("<|nope|>"));
    }

    @Test
    void mergesBuildTheExpectedTokens() {
        List<byte[][]> merges = List.of(
                new byte[][] {bytes("a"), bytes("b")},
                new byte[][] {bytes("ab"), bytes("c")},
                new byte[][] {bytes("b"), bytes("c")});
        Tokenizer t = Tokenizer.fromMerges(merges, SplitPattern.GPT2, SpecialTokens.ALL);
        assertArrayEquals(new int[] {257}, t.encode("abc"));
        assertArrayEquals(new int[] {'x', 258}, t.encode("xbc"));
        assertArrayEquals(new int[] {256, 257}, t.encode("ababc"));
        assertEquals(256 + 3 + SpecialTokens.ALL.size(), t.vocabSize());
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromMerges(
                List.<byte[][]>of(new byte[][] {bytes("ab"), bytes("c")}), SplitPattern.GPT2, List.of()));
    }

    @Test
    void longChunksUseTheHeapAndAgreeWithShortOnes() {
        Tokenizer cl100k = Reference.tumbler("cl100k_base");
        String word = "abracadabra".repeat(100);
        int[] ids = cl100k.encode(word);
        assertEquals(word, cl100k.decode(ids));
        String glued = "pneumonoultramicroscopicsilicovolcanoconiosis".repeat(5);
        assertEquals(glued, cl100k.decode(cl100k.encode(glued)));
    }

    @Test
    void encodesFromManyThreads() throws Exception {
        Tokenizer cl100k = Reference.tumbler("cl100k_base");
        List<String> docs = TestTexts.documents();
        List<int[]> expected = docs.stream().map(cl100k::encode).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < docs.size(); i++) {
                        if (!Arrays.equals(expected.get(i), cl100k.encode(docs.get(i)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
