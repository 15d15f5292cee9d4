package dev.tumbler.ingest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.text.TestTexts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GopherRepetitionFilterTest {
    private static final String PREFIX = "ingest.gopher_repetition";
    private static final List<String> P = TestTexts.ARTICLE_PARAGRAPHS;
    private final GopherRepetitionFilter filter = new GopherRepetitionFilter(GopherRepetitionFilter.Config.defaults());

    private static Document doc(String text) {
        Document d = new Document();
        d.setText(text);
        return d;
    }

    private static FilterResult apply(GopherRepetitionFilter f, String text) {
        return f.apply(doc(text));
    }

    /** A config with every threshold off except one n-gram threshold of 0.05. */
    private static GopherRepetitionFilter onlyNGram(int n) {
        Double[] t = new Double[11];
        t[n] = 0.05;
        return new GopherRepetitionFilter(new GopherRepetitionFilter.Config(
                null, null, null, null, t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10]));
    }

    @Test
    void ordinaryArticleIsKeptAndMetricsRecorded() {
        Document d = doc(TestTexts.ARTICLE);
        FilterResult r = filter.apply(d);
        assertTrue(r.keep(), () -> "dropped: " + r.reason() + " " + d.getQuality());
        assertEquals("gopher_repetition", filter.name());
        Map<String, Double> q = d.getQuality();
        assertEquals(0.0, q.get("dup_para_frac"));
        assertEquals(0.0, q.get("dup_line_frac"));
        for (int n = 2; n <= 4; n++) {
            assertTrue(q.get("top_" + n + "gram_frac") < 0.05, "top " + n);
        }
        for (int n = 5; n <= 10; n++) {
            assertEquals(0.0, q.get("dup_" + n + "gram_frac"), "dup " + n);
        }
    }

    @Test
    void metricsOfASmallHandComputedExample() {
        // 26 characters, one paragraph, lines [one two, one two, three four]
        Document d = doc("one two\none two\nthree four");
        FilterResult r = filter.apply(d);
        Map<String, Double> q = d.getQuality();
        assertEquals(0.0, q.get("dup_para_frac"));
        assertEquals(1.0 / 3, q.get("dup_line_frac"), 1e-9);       // one of three lines repeats
        assertEquals(7.0 / 26, q.get("dup_line_char_frac"), 1e-9); // "one two" again
        assertEquals(14.0 / 26, q.get("top_2gram_frac"), 1e-9);    // "one two" x2
        assertEquals(0.0, q.get("top_3gram_frac"));                // no 3-gram repeats
        assertEquals(0.0, q.get("dup_5gram_frac"));
        assertEquals("dup_line_frac", r.reason());
    }

    @Test
    void duplicatedNGramCharactersSkipPastEachRepeat() {
        // words a1..a5 x2: the second 5-gram run repeats the first: 5 words * 2 chars = 10 chars of 29
        Document d = doc("a1 a2 a3 a4 a5 a1 a2 a3 a4 a5");
        onlyNGram(5).apply(d);
        assertEquals(10.0 / 29, d.getQuality().get("dup_5gram_frac"), 1e-9);
        assertEquals(0.0, d.getQuality().get("dup_6gram_frac"));
    }

    @Test
    void duplicateParagraphs() {
        String text = String.join("\n\n", P.get(0), P.get(1), P.get(0), P.get(0));
        assertEquals("dup_para_frac", apply(filter, text).reason());
    }

    @Test
    void oneLongParagraphRepeatedAmongShortOnes() {
        String text = String.join("\n\n", P.get(2), "Photo: city archive.", "Updated at noon.",
                "Share this story.", "Filed under local news.", "Comments are closed.", "Next article.", P.get(2));
        assertEquals("dup_para_char_frac", apply(filter, text).reason());
    }

    @Test
    void duplicateLinesInsideOneParagraph() {
        String text = String.join("\n", "Tickets are available at the door.", P.get(1),
                "Tickets are available at the door.", "Tickets are available at the door.");
        assertEquals("dup_line_frac", apply(filter, text).reason());
    }

    @Test
    void oneLongLineRepeatedAmongShortOnes() {
        String text = String.join("\n", P.get(3), "Photo: city archive.", "Updated at noon.", "Share this story.",
                "Filed under local news.", "Comments are closed.", "Next article.", P.get(3));
        assertEquals("dup_line_char_frac", apply(filter, text).reason());
    }

    @Test
    void keywordStuffingTripsTheTopBigram() {
        String text = "Cheap flights to Paris, cheap flights to Rome, cheap flights to Berlin, cheap flights to "
                + "Madrid and cheap flights to Lisbon: book cheap flights today.";
        assertEquals("top_2_gram", apply(filter, text).reason());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void eachTopNGramThresholdHasItsReason(int n) {
        String text = "Click here to win a prize. ".repeat(6).strip();
        assertEquals("top_" + n + "_gram", apply(onlyNGram(n), text).reason());
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7, 8, 9, 10})
    void eachDuplicatedNGramThresholdHasItsReason(int n) {
        String text = P.get(4) + " " + P.get(4);
        assertEquals("duplicated_" + n + "_n_grams", apply(onlyNGram(n), text).reason());
    }

    @Test
    void emptyTextHasZeroMetrics() {
        Document d = doc("");
        assertTrue(filter.apply(d).keep());
        assertEquals(0.0, d.getQuality().get("dup_line_frac"));
    }

    @Test
    void validateNamesTheOption() {
        GopherRepetitionFilter.Config.defaults().validate(PREFIX);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new GopherRepetitionFilter.Config(1.5, 0.2, 0.3, 0.2, 0.2, 0.18, 0.16, 0.15, 0.14, 0.13, 0.12,
                        0.11, 0.10).validate(PREFIX));
        assertEquals("ingest.gopher_repetition.dup_line_frac must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                new GopherRepetitionFilter.Config(0.3, 0.2, 0.3, 0.2, 0.2, -0.1, 0.16, 0.15, 0.14, 0.13, 0.12,
                        0.11, 0.10).validate(PREFIX));
        assertEquals("ingest.gopher_repetition.top_3gram_frac must be in [0, 1], got -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                new GopherRepetitionFilter.Config(0.3, 0.2, 0.3, 0.2, 0.2, 0.18, 0.16, 0.15, 0.14, 0.13, 0.12,
                        0.11, 2.0).validate(PREFIX));
        assertTrue(e.getMessage().startsWith("ingest.gopher_repetition.dup_10gram_frac"), e.getMessage());
    }

    @Test
    void survivesJavaSerialization() {
        GopherRepetitionFilter copy = TestTexts.roundTrip(filter);
        assertEquals(filter.config(), copy.config());
        assertFalse(apply(copy, String.join("\n\n", P.get(0), P.get(0))).keep());
    }
}
