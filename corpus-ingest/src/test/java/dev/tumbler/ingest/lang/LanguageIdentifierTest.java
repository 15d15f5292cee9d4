package dev.tumbler.ingest.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.text.TestTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageIdentifierTest {
    private final LanguageIdentifier identifier = new LanguageIdentifier(LanguageIdentifier.Config.defaults());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en | The city council voted on Tuesday to extend the opening hours of the central library, after months "
                + "of complaints from residents.",
        "de | Die Kommission hat heute ihren Vorschlag für eine neue Richtlinie vorgelegt, die den Schutz der "
                + "Verbraucher im Binnenmarkt deutlich verbessern soll.",
        "fr | Le gouvernement a annoncé mercredi une série de mesures destinées à soutenir les petites entreprises "
                + "face à la hausse des prix de l'énergie.",
        "es | El ayuntamiento aprobó ayer un plan para ampliar la red de carriles bici y reducir el tráfico en el "
                + "centro de la ciudad durante los próximos años."})
    void detectsCommonLanguages(String expected, String sentence) {
        LanguageIdentifier.Detection d = identifier.detect(sentence);
        assertEquals(expected, d.isoCode639_1());
        assertTrue(d.confidence() > 0.1 && d.confidence() <= 1.0, () -> "confidence " + d.confidence());
    }

    @Test
    void blankTextIsUnknown() {
        assertEquals(new LanguageIdentifier.Detection("unknown", 0.0), identifier.detect(""));
        assertEquals(LanguageIdentifier.Detection.NONE, identifier.detect("  \n "));
        assertEquals(LanguageIdentifier.Detection.NONE, identifier.detect(null));
        assertEquals(LanguageIdentifier.Detection.NONE, identifier.detect("123 456 789"));
    }

    @Test
    void onlyTheHeadOfTheTextIsLookedAt() {
        String english = (TestTexts.ARTICLE + " ").repeat(3);
        String german = (TestTexts.GERMAN_EUROPARL + " ").repeat(20);
        assertEquals("en", identifier.detect(english + german).isoCode639_1());
        LanguageIdentifier shortHead = new LanguageIdentifier(new LanguageIdentifier.Config(true, 100, LanguageIdentifier.Config.WEB_LANGUAGES));
        assertEquals("de", shortHead.detect(TestTexts.GERMAN_EUROPARL + " " + TestTexts.ARTICLE).isoCode639_1());
    }

    @Test
    void headCutsAtAWordBoundary() {
        assertEquals("alpha beta", LanguageIdentifier.head("alpha beta gamma", 12));
        assertEquals("short", LanguageIdentifier.head("short", 12));
    }

    @Test
    void validateNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new LanguageIdentifier.Config(true, 0, LanguageIdentifier.Config.WEB_LANGUAGES).validate("ingest.language"));
        assertEquals("ingest.language.max_chars must be >= 1, got 0", e.getMessage());
    }

    @Test
    void survivesJavaSerialization() {
        LanguageIdentifier copy = TestTexts.roundTrip(identifier);
        assertEquals("en", copy.detect(TestTexts.ARTICLE).isoCode639_1());
    }
}
