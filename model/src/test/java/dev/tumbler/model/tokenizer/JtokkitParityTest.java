package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tumbler, loaded from the same rank files, gives jtokkit's ids byte for byte. */
class JtokkitParityTest {
    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("r50k_base", EncodingType.R50K_BASE),
                Arguments.of("p50k_base", EncodingType.P50K_BASE),
                Arguments.of("cl100k_base", EncodingType.CL100K_BASE),
                Arguments.of("o200k_base", EncodingType.O200K_BASE));
    }

    private static Encoding jtokkit(EncodingType type) {
        return Encodings.newDefaultEncodingRegistry().getEncoding(type);
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void sameIdsOnEveryDocument(String name, EncodingType type) {
        Encoding reference = jtokkit(type);
        Tokenizer tumbler = Reference.tumbler(name);
        for (String doc : TestTexts.documents()) {
            assertArrayEquals(reference.encodeOrdinary(doc).toArray(), tumbler.encode(doc),
                    () -> name + " differs on: " + doc.substring(0, Math.min(80, doc.length())));
        }
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void sameIdsOnALargeText(String name, EncodingType type) {
        String text = TestTexts.large();
        assertTrue(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 400_000);
        int[] expected = jtokkit(type).encodeOrdinary(text).toArray();
        int[] actual = Reference.tumbler(name).encode(text);
        assertArrayEquals(expected, actual);
        assertEquals(text, Reference.tumbler(name).decode(actual));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void sameSpecialTokens(String name, EncodingType type) {
        Encoding reference = jtokkit(type);
        Tokenizer tumbler = Reference.tumbler(name);
        String text = "Hi<|endoftext|> there <|endoftext|>";
        int end = type == EncodingType.O200K_BASE ? 199999 : type == EncodingType.CL100K_BASE ? 100257 : 50256;
        assertEquals(end, tumbler.idOf("<|endoftext|>"));
        java.util.List<Integer> expected = new java.util.ArrayList<>(reference.encodeOrdinary("Hi").boxed());
        expected.add(end);
        expected.addAll(reference.encodeOrdinary(" there ").boxed());
        expected.add(end);
        assertEquals(expected, java.util.Arrays.stream(tumbler.encode(text, java.util.Set.of("<|endoftext|>")))
                .boxed().toList());
        assertArrayEquals(reference.encodeOrdinary(text).toArray(), tumbler.encode(text));
        assertEquals(reference.decode(reference.encodeOrdinary(text)), tumbler.decode(tumbler.encode(text)));
    }
}
