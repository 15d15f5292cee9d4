package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SplitPatternTest {
    private static List<String> regexSplit(Pattern pattern, String text) {
        List<String> chunks = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            assertEquals(last, m.start(), "regex skipped text");
            chunks.add(m.group());
            last = m.end();
        }
        assertEquals(text.length(), last, "regex left text unmatched");
        return chunks;
    }

    private static void assertSameSplit(SplitPattern pattern, Pattern regex, String text) {
        assertEquals(regexSplit(regex, text), pattern.split(text), () -> pattern + " on " + escape(text));
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(200).forEach(cp -> sb.append(cp < 0x20 || cp > 0x7E ? String.format("\\u{%x}", cp)
                : String.valueOf((char) cp)));
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(SplitPattern.class)
    void matchesTheRegexOnVariedDocuments(SplitPattern pattern) {
        Pattern regex = pattern.compile();
        for (String doc : TestTexts.documents()) {
            assertSameSplit(pattern, regex, doc);
        }
    }

    @ParameterizedTest
    @EnumSource(SplitPattern.class)
    void matchesTheRegexOnEdgeCases(SplitPattern pattern) {
        Pattern regex = pattern.compile();
        List<String> cases = List.of("", " ", "  ", "\n", "\r\n", " \r\n ", "a", " a", "  a", "\ta", "\na",
                "'s", "'S", "'ſ", "'ll", "'LL", "'Ll", "'re", "'RE", "'ve", "'vE", "'m", "'M", "'d", "'D", "'t", "'T",
                "'x", "''s", "don't", "DON'T", "we'll", "WE'LL", "it's", "IT'S", "x'", "'", " '", "''",
                "1", "12", "123", "1234", "12345", "123456", "1234567", " 1", "  12", "a1", "1a", "½¾", "x²",
                "!", " !", "  !", "!!\n", "!!\r\n\r\n", ".\n\n x", "/", "//\n", " /\n/", "a/b//\n",
                "\u00A0a", "\u00A0\u00A01", "\u3000x", " \u0301", "\u0301", "a\u0301", "A\u0301B", "ǅa", "ǅA",
                "ABc", "AbC", "aBC", "ΑΒγ", "中文", "A中", "中a", "Aʰ", "Aʰa", "ʰ", " ʰ", "!ʰ", "A\u0301's", "abc'S",
                "hello'sworld", "HELLO'RE", "x'ſ", "😀", " 😀", "😀a", "a😀", "👩‍👩‍👧", " \t\n", "a \n b",
                "x   ", "x   y", "x \t y", "\n\n\n", "\r\r", " \n \n  x", "\t\t!", " \t!", "end ");
        for (String text : cases) {
            assertSameSplit(pattern, regex, text);
        }
    }

    @ParameterizedTest
    @EnumSource(SplitPattern.class)
    void matchesTheRegexOnRandomStrings(SplitPattern pattern) {
        Pattern regex = pattern.compile();
        Random random = new Random(1234 + pattern.ordinal());
        String alphabet = " \t\n\r\u00A0'sSdDmMtTlLvVrReE1234567890aAzZ.!/?-\u0301ſǅʰ中😀١½\u3000\u2028";
        for (int i = 0; i < 20_000; i++) {
            int length = 1 + random.nextInt(12);
            StringBuilder sb = new StringBuilder();
            while (sb.codePointCount(0, sb.length()) < length) {
                int at = random.nextInt(alphabet.length());
                int cp = alphabet.codePointAt(at);
                if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                    sb.appendCodePoint(cp);
                }
            }
            assertSameSplit(pattern, regex, sb.toString());
        }
        for (int i = 0; i < 300; i++) {
            assertSameSplit(pattern, regex, TestTexts.randomUnicode(random, 1 + random.nextInt(300)));
        }
    }

    @Test
    void contractionFoldingMatchesTheRegexForEveryCodePoint() {
        for (SplitPattern pattern : SplitPattern.values()) {
            Pattern regex = pattern.compile();
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                if (!Character.isDefined(cp) || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                    continue;
                }
                String c = new String(Character.toChars(cp));
                if (Character.toLowerCase(Character.toUpperCase(cp)) != cp || Character.toUpperCase(cp) != cp
                        || cp < 0x80) {
                    assertSameSplit(pattern, regex, "x'" + c + "e");
                    assertSameSplit(pattern, regex, "x'l" + c);
                }
            }
        }
    }

    @Test
    void regexStringsAreRecognized() {
        for (SplitPattern pattern : SplitPattern.values()) {
            assertEquals(pattern, SplitPattern.forRegex(pattern.regex()));
        }
        assertNull(SplitPattern.forRegex("\\w+"));
    }

    @Test
    void splitsByteRangesOfABuffer() {
        byte[] utf8 = "xx Hello world!yy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<String> chunks = new ArrayList<>();
        SplitPattern.CL100K.split(utf8, 2, utf8.length - 2,
                (s, e) -> chunks.add(new String(utf8, s, e - s, java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of(" Hello", " world", "!"), chunks);
    }
}
