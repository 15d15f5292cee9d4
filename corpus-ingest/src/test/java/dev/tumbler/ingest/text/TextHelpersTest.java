package dev.tumbler.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextHelpersTest {

    @Test
    void tokensSplitOnAnyWhitespaceIncludingNbsp() {
        assertEquals(List.of("The", "dog,", "barked."), Words.tokens("  The\tdog,\u00A0barked.\n"));
        assertEquals(List.of(), Words.tokens(" \n\t "));
    }

    @Test
    void wordsStripSurroundingPunctuationAndDropPunctuationOnlyTokens() {
        assertEquals(List.of("The", "dog's", "bone", "e.g", "42", "news"),
                Words.words("\"The dog's\" (bone) - e.g. 42% #news \u2014 \u2022"));
    }

    @Test
    void linesBehaveLikePythonSplitlines() {
        assertEquals(List.of("a", "", "b"), Lines.lines("a\r\n\nb\n"));
        assertEquals(List.of(), Lines.lines(""));
        assertEquals(List.of("a", "b", "c"), Lines.nonEmptyLines("\n a\n\n\nb\r\nc \n"));
    }

    @Test
    void paragraphsSplitAtBlankLines() {
        assertEquals(List.of("one\ntwo", "three", "four"), Lines.paragraphs("\none\ntwo\n\nthree\n  \nfour\n\n"));
        assertEquals(List.of(), Lines.paragraphs("  \n "));
    }

    @Test
    void nGramsAndDuplicateMeasures() {
        List<String> words = List.of("one", "two", "one", "two", "three");
        assertEquals(List.of("one two", "two one", "one two", "two three"), NGrams.of(words, 2));
        assertEquals(List.of(), NGrams.of(words, 6));
        // "one two" occurs twice: 7 chars * 2
        assertEquals(14, NGrams.topDuplicateChars(NGrams.of(words, 2)));
        // no repeated 3-gram
        assertEquals(0, NGrams.topDuplicateChars(NGrams.of(words, 3)));
        // the second "one two" repeats the first: 3 + 3 chars, no separators
        assertEquals(6, NGrams.allDuplicateChars(words, 2));
        assertEquals(new NGrams.Duplicates(1, 7), NGrams.duplicates(List.of("one two", "three", "one two")));
    }

    @Test
    void sentenceCountIgnoresAbbreviationsAndDecimals() {
        assertEquals(2, Sentences.count("Dr. Smith paid $3.50 for it. Then he left!"));
        assertEquals(3, Sentences.count("Is it? \"Yes,\" she said. It is e.g. fine."));
        assertEquals(1, Sentences.count("No terminal punctuation here"));
        assertEquals(0, Sentences.count("   "));
    }
}
