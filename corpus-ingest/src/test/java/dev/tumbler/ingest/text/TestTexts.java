package dev.tumbler.ingest.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/** Inline fixtures shared by the filter tests: a plain English news article and a serialization round trip. */
public final class TestTexts {
    private TestTexts() {
    }

    /** Five paragraphs of ordinary English news prose, one line each, separated by blank lines. */
    public static final List<String> ARTICLE_PARAGRAPHS = List.of(
            "The city council voted on Tuesday to extend the opening hours of the central library, after months "
                    + "of complaints from residents who said the building was closed on most evenings when working "
                    + "parents could actually visit it.",
            "Under the new schedule, the library will stay open until nine o'clock from Monday to Thursday and "
                    + "until six on Saturdays. The change will cost about two hundred thousand dollars a year, which "
                    + "the council plans to cover by delaying the renovation of a parking garage.",
            "Several members of the council argued that the money would be better spent on repairs to the roof, "
                    + "which has leaked during heavy storms for the past three winters. Others pointed out that "
                    + "attendance at evening events had doubled during a trial period last spring.",
            "The head librarian told reporters that the staff were pleased with the decision and that new "
                    + "positions would be advertised next month. She added that the children's reading room, which "
                    + "was closed during the pandemic, would reopen at the same time.",
            "Residents who want to comment on the plan can attend a public meeting at the community center on "
                    + "the first Monday of next month, or write to the council before the end of the year.");

    /** {@link #ARTICLE_PARAGRAPHS} joined with blank lines. */
    public static final String ARTICLE = String.join("\n\n", ARTICLE_PARAGRAPHS);

    /** A German parliamentary speech in the style of Europarl. */
    public static final String GERMAN_EUROPARL = "Frau Präsidentin, liebe Kolleginnen und Kollegen! Wir haben in "
            + "diesem Haus schon oft über die Sicherheit im Seeverkehr gesprochen. Der Bericht, über den wir heute "
            + "abstimmen, ist ein wichtiger Schritt, aber er reicht nicht aus. Die Kommission muss endlich dafür "
            + "sorgen, dass die Mitgliedstaaten die bestehenden Vorschriften auch tatsächlich umsetzen und "
            + "kontrollieren.";

    /** Java-serializes and deserializes {@code value}, as Spark does when it ships a closure to executors. */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("serialization round trip failed", e);
        }
    }
}
