package dev.tumbler.ingest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.text.TestTexts;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GopherQualityFilterTest {
    private static final String PREFIX = "ingest.gopher_quality";
    private final GopherQualityFilter filter = new GopherQualityFilter(GopherQualityFilter.Config.defaults());

    private static Document doc(String text) {
        Document d = new Document();
        d.setText(text);
        return d;
    }

    private static String repeat(String s, int times, String sep) {
        return IntStream.range(0, times).mapToObj(i -> s).collect(Collectors.joining(sep));
    }

    private void assertDropped(String text, String reason) {
        FilterResult r = filter.apply(doc(text));
        assertFalse(r.keep(), "expected a drop for " + reason);
        assertEquals(reason, r.reason());
    }

    @Test
    void ordinaryArticleIsKeptAndMetricsRecorded() {
        Document d = doc(TestTexts.ARTICLE);
        FilterResult r = filter.apply(d);
        assertTrue(r.keep(), () -> "dropped: " + r.reason() + " " + d.getQuality());
        assertEquals("gopher_quality", filter.name());
        Map<String, Double> q = d.getQuality();
        for (String key : List.of("n_words", "mean_word_length", "symbol_word_ratio", "bullet_line_ratio",
                "ellipsis_line_ratio", "alpha_word_ratio", "stop_words")) {
            assertTrue(q.containsKey(key), key);
        }
        assertTrue(q.get("n_words") > 150);
        assertEquals(0.0, q.get("symbol_word_ratio"));
        assertEquals(1.0, q.get("alpha_word_ratio"));
        assertTrue(q.get("stop_words") >= 20);
    }

    @Test
    void metricsOfASmallHandComputedExample() {
        // tokens: The cat sat. • Dogs and cats... It is 42 #1
        // words:  The cat sat Dogs and cats It is 42 1 (the bullet alone is not a word) -> 10
        // lengths 3+3+3+4+3+4+2+2+2+1 = 27 -> mean 2.7
        Document d = doc("The cat sat.\n\u2022 Dogs and cats...\nIt is 42 #1");
        FilterResult r = filter.apply(d);
        assertEquals("gopher_short_doc", r.reason());
        Map<String, Double> q = d.getQuality();
        assertEquals(10.0, q.get("n_words"));
        assertEquals(2.7, q.get("mean_word_length"), 1e-9);
        assertEquals(0.1, q.get("hash_word_ratio"), 1e-9);      // one '#'
        assertEquals(0.1, q.get("ellipsis_word_ratio"), 1e-9);  // one "..."
        assertEquals(0.1, q.get("symbol_word_ratio"), 1e-9);
        assertEquals(1.0 / 3, q.get("bullet_line_ratio"), 1e-9);
        assertEquals(1.0 / 3, q.get("ellipsis_line_ratio"), 1e-9);
        assertEquals(0.8, q.get("alpha_word_ratio"), 1e-9);     // "42" and "1" have no letter
        assertEquals(2.0, q.get("stop_words"));                 // "The" (case-insensitive) and "and"
    }

    @Test
    void shortDocument() {
        assertDropped("The library will stay open until nine o'clock on weekdays.", "gopher_short_doc");
    }

    @Test
    void longDocument() {
        // about 190 words per copy: 600 copies are well over 100,000 words
        assertDropped(repeat(TestTexts.ARTICLE, 600, "\n\n"), "gopher_long_doc");
    }

    @Test
    void shortWords() {
        // mean word length 26 / 11 < 3
        assertDropped(repeat("It is a big day and we go to the zoo.", 6, " "), "gopher_below_avg_word_len");
    }

    @Test
    void longWords() {
        String sentence = "Intergovernmental telecommunications standardization considerations notwithstanding, "
                + "internationalization requirements necessitate comprehensive documentation.";
        assertDropped(repeat(sentence, 8, " "), "gopher_above_avg_word_len");
    }

    @Test
    void tooManyHashtags() {
        String tags = IntStream.range(0, 40).mapToObj(i -> "#tag" + i).collect(Collectors.joining(" "));
        assertDropped(TestTexts.ARTICLE + "\n\n" + tags, "gopher_symbol_word_ratio");
    }

    @Test
    void tooManyEllipses() {
        // 60 ellipses against about 310 words
        String teasers = repeat("More photos\u2026", 60, " ");
        assertDropped(TestTexts.ARTICLE + "\n\n" + teasers, "gopher_symbol_word_ratio");
    }

    @Test
    void bulletList() {
        String list = IntStream.range(1, 13)
                .mapToObj(i -> "\u2022 Volume " + i + " of the collected letters, with a new introduction.")
                .collect(Collectors.joining("\n"));
        assertDropped(list, "gopher_bullet_lines");
    }

    @Test
    void linesEndingWithEllipsis() {
        String text = TestTexts.ARTICLE_PARAGRAPHS.stream()
                .map(p -> p.substring(0, p.length() - 1) + "...")
                .collect(Collectors.joining("\n\n"));
        assertDropped(text, "gopher_ellipsis_lines");
    }

    @Test
    void mostlyNumbers() {
        String numbers = IntStream.range(0, 120).mapToObj(i -> Integer.toString(1900 + i))
                .collect(Collectors.joining(" "));
        assertDropped(TestTexts.ARTICLE + "\n\n" + numbers, "gopher_below_alpha_words");
    }

    @Test
    void noStopWords() {
        String text = repeat("Quick brown foxes jump over lazy dogs near quiet rivers every morning.", 6, " ");
        assertDropped(text, "gopher_enough_stop_words");
    }

    @Test
    void nullThresholdsDisableEveryRule() {
        GopherQualityFilter.Config off = new GopherQualityFilter.Config(
                null, null, null, null, null, null, null, null, null, null);
        off.validate(PREFIX);
        GopherQualityFilter lenient = new GopherQualityFilter(off);
        assertTrue(lenient.apply(doc("# ...")).keep());
        assertTrue(lenient.apply(doc("")).keep());
    }

    @Test
    void validateNamesTheOption() {
        GopherQualityFilter.Config d = GopherQualityFilter.Config.defaults();
        d.validate(PREFIX);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new GopherQualityFilter.Config(-1, d.maxDocWords(), d.minAvgWordLength(), d.maxAvgWordLength(),
                        d.maxSymbolWordRatio(), d.maxBulletLinesRatio(), d.maxEllipsisLinesRatio(),
                        d.minAlphaWordsRatio(), d.minStopWords(), d.stopWords()).validate(PREFIX));
        assertEquals("ingest.gopher_quality.min_doc_words must be >= 0, got -1", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () ->
                new GopherQualityFilter.Config(d.minDocWords(), d.maxDocWords(), d.minAvgWordLength(),
                        d.maxAvgWordLength(), d.maxSymbolWordRatio(), 1.5, d.maxEllipsisLinesRatio(),
                        d.minAlphaWordsRatio(), d.minStopWords(), d.stopWords()).validate(PREFIX));
        assertEquals("ingest.gopher_quality.max_bullet_lines_ratio must be in [0, 1], got 1.5", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () ->
                new GopherQualityFilter.Config(d.minDocWords(), d.maxDocWords(), 12.0, d.maxAvgWordLength(),
                        d.maxSymbolWordRatio(), d.maxBulletLinesRatio(), d.maxEllipsisLinesRatio(),
                        d.minAlphaWordsRatio(), d.minStopWords(), d.stopWords()).validate(PREFIX));
        assertTrue(e.getMessage().startsWith("ingest.gopher_quality.max_avg_word_length must be >="),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () ->
                new GopherQualityFilter.Config(d.minDocWords(), d.maxDocWords(), d.minAvgWordLength(),
                        d.maxAvgWordLength(), d.maxSymbolWordRatio(), d.maxBulletLinesRatio(),
                        d.maxEllipsisLinesRatio(), d.minAlphaWordsRatio(), 2, List.of()).validate(PREFIX));
        assertTrue(e.getMessage().startsWith("ingest.gopher_quality.stop_words"), e.getMessage());
    }

    @Test
    void survivesJavaSerialization() {
        GopherQualityFilter copy = TestTexts.roundTrip(filter);
        assertEquals(filter.config(), copy.config());
        assertTrue(copy.apply(doc(TestTexts.ARTICLE)).keep());
        assertEquals("gopher_enough_stop_words",
                copy.apply(doc(repeat("Quick brown foxes jump over lazy dogs.", 10, " "))).reason());
    }
}
