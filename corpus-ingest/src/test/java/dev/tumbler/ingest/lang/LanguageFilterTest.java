package dev.tumbler.ingest.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.filter.FilterResult;
import dev.tumbler.ingest.text.TestTexts;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageFilterTest {
    private final LanguageFilter filter = new LanguageFilter(LanguageFilter.Config.defaults());

    private static Document doc(String text) {
        Document d = new Document();
        d.setText(text);
        return d;
    }

    @Test
    void englishArticleIsKeptAndTagged() {
        Document d = doc(TestTexts.ARTICLE);
        assertEquals(FilterResult.KEEP, filter.apply(d));
        assertEquals("language", filter.name());
        assertEquals("en", d.getLang());
        assertTrue(d.getLangScore() >= LanguageFilter.Config.defaults().minConfidence(), "score " + d.getLangScore());
    }

    @Test
    void everyArticleParagraphOnItsOwnIsKept() {
        for (String p : TestTexts.ARTICLE_PARAGRAPHS) {
            Document d = doc(p);
            assertEquals(FilterResult.KEEP, filter.apply(d), () -> p + " -> " + d.getLang() + " " + d.getLangScore());
        }
    }

    @Test
    void germanEuroparlParagraphIsNotAllowed() {
        Document d = doc(TestTexts.GERMAN_EUROPARL);
        assertEquals(FilterResult.drop("lang_not_allowed"), filter.apply(d));
        assertEquals("de", d.getLang());
    }

    @Test
    void otherLanguagesCanBeAllowed() {
        LanguageFilter deFr = new LanguageFilter(new LanguageFilter.Config(List.of("DE", "fr"), 0.1, true, 2000));
        assertEquals(FilterResult.KEEP, deFr.apply(doc(TestTexts.GERMAN_EUROPARL)));
        assertEquals(FilterResult.drop("lang_not_allowed"), deFr.apply(doc(TestTexts.ARTICLE)));
        LanguageFilter any = new LanguageFilter(new LanguageFilter.Config(List.of(), 0.1, true, 2000));
        assertEquals(FilterResult.KEEP, any.apply(doc(TestTexts.GERMAN_EUROPARL)));
    }

    @Test
    void navigationBoilerplateHasLowConfidence() {
        Document d = doc("Home | About | Contact | Login");
        assertEquals(FilterResult.drop("lang_low_confidence"), filter.apply(d));
        assertEquals("en", d.getLang());
    }

    @Test
    void strictThresholdRejectsEvenClearText() {
        LanguageFilter strict = new LanguageFilter(new LanguageFilter.Config(List.of("en"), 0.9, true, 2000));
        assertEquals(FilterResult.drop("lang_low_confidence"), strict.apply(doc(TestTexts.ARTICLE)));
    }

    @Test
    void emptyTextIsNotAllowed() {
        Document d = doc("");
        assertEquals(FilterResult.drop("lang_not_allowed"), filter.apply(d));
        assertEquals("unknown", d.getLang());
        assertEquals(0.0, d.getLangScore());
    }

    @Test
    void validateNamesTheOption() {
        LanguageFilter.Config.defaults().validate("ingest.language");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new LanguageFilter.Config(List.of("en"), 1.5, true, 2000).validate("ingest.language"));
        assertEquals("ingest.language.min_confidence must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                new LanguageFilter.Config(List.of("english"), 0.1, true, 2000).validate("ingest.language"));
        assertTrue(e.getMessage().startsWith("ingest.language.languages "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                new LanguageFilter.Config(null, 0.1, true, 2000).validate("ingest.language"));
        assertEquals("ingest.language.languages must be set", e.getMessage());
    }

    @Test
    void survivesJavaSerialization() {
        LanguageFilter copy = TestTexts.roundTrip(filter);
        assertEquals(filter.config(), copy.config());
        assertEquals(FilterResult.drop("lang_not_allowed"), copy.apply(doc(TestTexts.GERMAN_EUROPARL)));
    }
}
