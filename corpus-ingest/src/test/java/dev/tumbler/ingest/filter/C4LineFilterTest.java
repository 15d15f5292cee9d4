package dev.tumbler.ingest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.text.TestTexts;
import java.util.List;
import org.junit.jupiter.api.Test;

class C4LineFilterTest {
    private static final List<String> P = TestTexts.ARTICLE_PARAGRAPHS;
    private final C4LineFilter filter = new C4LineFilter(C4LineFilter.Config.defaults());

    private static Document doc(String text) {
        Document d = new Document();
        d.setText(text);
        return d;
    }

    private static C4LineFilter.Config config(boolean terminalPunct, Integer minSentences, boolean javascript) {
        return new C4LineFilter.Config(true, terminalPunct, minSentences, 3, 1000, true, javascript, true, true);
    }

    @Test
    void ordinaryArticleIsKeptWithItsLines() {
        Document d = doc(TestTexts.ARTICLE);
        FilterResult r = filter.apply(d);
        assertTrue(r.keep(), () -> "dropped: " + r.reason());
        assertEquals("c4", filter.name());
        assertEquals(String.join("\n", P), d.getText());
        assertEquals(5.0, d.getQuality().get("c4_lines_kept"));
        assertEquals(0.0, d.getQuality().get("c4_lines_removed"));
        assertEquals(8.0, d.getQuality().get("c4_sentences"));
    }

    @Test
    void boilerplateLinesAreRemovedAndCitationsCut() {
        String text = String.join("\n",
                "Home | News | Local | Contact",
                P.get(0),
                "Please enable JavaScript to view the comments.",
                P.get(1),
                "This website uses cookies to improve your experience.",
                "Read our privacy policy and terms of use.",
                "Read more.",
                "Continue reading...",
                "The library first opened in 1911.[3][citation needed]",
                P.get(2),
                "  " + P.get(3) + "  ",
                "Share on Facebook");
        Document d = doc(text);
        FilterResult r = filter.apply(d);
        assertTrue(r.keep(), () -> "dropped: " + r.reason());
        assertEquals(String.join("\n", P.get(0), P.get(1), "The library first opened in 1911.", P.get(2), P.get(3)),
                d.getText());
        assertEquals(7.0, d.getQuality().get("c4_lines_removed"));
        assertEquals(5.0, d.getQuality().get("c4_lines_kept"));
    }

    @Test
    void loremIpsumDropsTheDocument() {
        Document d = doc(TestTexts.ARTICLE + "\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.");
        assertEquals(FilterResult.drop("lorem_ipsum"), filter.apply(d));
        assertEquals(TestTexts.ARTICLE + "\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.",
                d.getText(), "a dropped document keeps its text");
    }

    @Test
    void curlyBracketDropsTheDocument() {
        Document d = doc(TestTexts.ARTICLE + "\nThe settings file looks like {\"hours\": 21} on every branch.");
        assertEquals(FilterResult.drop("curly_bracket"), filter.apply(d));
    }

    @Test
    void curlyBracketOnALineAlreadyRemovedDoesNotDropTheDocument() {
        // as in C4, the document-level checks see only lines that passed the earlier line checks
        Document d = doc(TestTexts.ARTICLE + "\nfunction open() {");
        assertTrue(filter.apply(d).keep());
        assertEquals(String.join("\n", P), d.getText());
    }

    @Test
    void tooFewSentences() {
        Document d = doc(String.join("\n", P.get(0), P.get(4), "Subscribe to our newsletter"));
        assertEquals(FilterResult.drop("too_few_sentences"), filter.apply(d));
    }

    @Test
    void noLinesLeft() {
        Document d = doc("Home | News | Sport\nSign in\n\nCookie settings\nAll rights reserved 2024");
        assertEquals(FilterResult.drop("no_lines_left"), filter.apply(d));
        assertEquals(0.0, d.getQuality().get("c4_lines_kept"));
        assertEquals(4.0, d.getQuality().get("c4_lines_removed"));
    }

    @Test
    void overlongWordRemovesItsLine() {
        Document d = doc(TestTexts.ARTICLE + "\nSee the attachment " + "x".repeat(1001) + " for details.");
        assertTrue(filter.apply(d).keep());
        assertEquals(String.join("\n", P), d.getText());
    }

    @Test
    void rulesCanBeSwitchedOff() {
        String text = String.join("\n", P.get(0), "Please enable JavaScript to view the comments.",
                "Share on Facebook");
        Document d = doc(text);
        FilterResult r = new C4LineFilter(config(false, null, false)).apply(d);
        assertTrue(r.keep(), () -> "dropped: " + r.reason());
        assertEquals(text, d.getText());

        C4LineFilter.Config off = new C4LineFilter.Config(false, false, null, null, null, false, false, false, false);
        Document lorem = doc("Lorem ipsum {placeholder}");
        assertTrue(new C4LineFilter(off).apply(lorem).keep());
        assertEquals("Lorem ipsum {placeholder}", lorem.getText());
    }

    @Test
    void validateNamesTheOption() {
        C4LineFilter.Config.defaults().validate("ingest.c4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                config(true, -2, true).validate("ingest.c4"));
        assertEquals("ingest.c4.min_num_sentences must be >= 0, got -2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                new C4LineFilter.Config(true, true, 5, 3, 0, true, true, true, true).validate("ingest.c4"));
        assertEquals("ingest.c4.max_word_length must be >= 1, got 0", e.getMessage());
    }

    @Test
    void survivesJavaSerialization() {
        C4LineFilter copy = TestTexts.roundTrip(filter);
        assertEquals(filter.config(), copy.config());
        assertFalse(copy.apply(doc("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")).keep());
    }
}
