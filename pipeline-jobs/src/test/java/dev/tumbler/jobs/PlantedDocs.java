package dev.tumbler.jobs;

import java.util.List;

/** Hand-written documents planted into end-to-end ingest runs: good English prose and foreign-language text. */
final class PlantedDocs {
    private PlantedDocs() {
    }

    static final String LIBRARY = "The town council voted on Tuesday evening to build a new public library beside the river. "
            + "The architects promised that the reading rooms would face the water, so that visitors could watch the boats while they studied. "
            + "Construction is expected to begin in the spring and to last about eighteen months, weather permitting. "
            + "The old library on Main Street will stay open until the new building is ready, and its collection of rare maps will move with the staff. "
            + "Several residents asked whether the project would raise local taxes, and the treasurer explained that a state grant covers most of the cost. "
            + "The council also agreed to extend the opening hours on weekends, which students had requested for years.";

    static final String BEES = "Honey bees tell each other where to find flowers by performing a waggle dance on the comb. "
            + "The angle of the dance relative to vertical encodes the direction of the food relative to the sun. "
            + "The duration of the waggle run encodes the distance, with longer runs meaning the flowers are farther away. "
            + "Karl von Frisch decoded this language in the middle of the twentieth century and later shared a Nobel Prize for the work. "
            + "Researchers have since shown that bees adjust the dance as the sun moves across the sky during the day. "
            + "The dance is one of the most remarkable examples of symbolic communication that has been found in insects.";

    static final String BREAD = "Baking good bread at home takes patience more than skill, and the best loaves come from slow fermentation. "
            + "Mix the flour, water and a little salt with a small amount of yeast, then leave the dough to rest overnight in a cool kitchen. "
            + "In the morning the dough should have doubled in size and smell slightly sour, which is a sign that the flavour has developed. "
            + "Shape it gently so that you keep the gas inside, and let it rise again for an hour while the oven heats. "
            + "Bake it in a covered pot for the first half of the time, because the trapped steam lets the crust expand before it sets. "
            + "Let the loaf cool completely before cutting it, or the crumb will be gummy and hard to slice.";

    static final String GERMAN = "Der Stadtrat hat am Dienstagabend beschlossen, eine neue öffentliche Bibliothek am Flussufer zu bauen. "
            + "Die Architekten versprachen, dass die Lesesäle zum Wasser hin ausgerichtet sein werden, damit die Besucher beim Lernen die Boote beobachten können. "
            + "Der Bau soll im Frühjahr beginnen und etwa achtzehn Monate dauern, sofern das Wetter es zulässt. "
            + "Die alte Bibliothek in der Hauptstraße bleibt geöffnet, bis das neue Gebäude fertig ist, und ihre Sammlung seltener Karten zieht mit dem Personal um. "
            + "Mehrere Einwohner fragten, ob das Projekt die Gemeindesteuern erhöhen werde, und der Kämmerer erklärte, dass ein Landeszuschuss den größten Teil der Kosten deckt.";

    static final String FRENCH = "Le conseil municipal a voté mardi soir la construction d'une nouvelle bibliothèque publique au bord de la rivière. "
            + "Les architectes ont promis que les salles de lecture donneraient sur l'eau, afin que les visiteurs puissent regarder les bateaux pendant qu'ils étudient. "
            + "Les travaux devraient commencer au printemps et durer environ dix-huit mois, si le temps le permet. "
            + "L'ancienne bibliothèque de la rue principale restera ouverte jusqu'à ce que le nouveau bâtiment soit prêt, et sa collection de cartes rares déménagera avec le personnel. "
            + "Plusieurs habitants ont demandé si le projet augmenterait les impôts locaux, et le trésorier a expliqué qu'une subvention de l'État couvre la majeure partie du coût.";

    /** A near duplicate of {@link #LIBRARY}: two words changed. */
    static final String LIBRARY_NEAR = LIBRARY.replace("Tuesday evening", "Wednesday evening");

    /** JSONL lines: two exact copies of BEES, LIBRARY and its near duplicate, BREAD once, and two foreign docs. */
    static List<String> jsonlLines() {
        return List.of(
                json("https://example.org/library", LIBRARY),
                json("https://example.org/library-copy", LIBRARY_NEAR),
                json("https://example.org/bees", BEES),
                json("https://mirror.example.net/bees", BEES),
                json("https://example.org/bread", BREAD),
                json("https://example.de/bibliothek", GERMAN),
                json("https://example.fr/bibliotheque", FRENCH));
    }

    private static String json(String url, String text) {
        return "{\"url\": \"" + url + "\", \"text\": \"" + text.replace("\"", "\\\"") + "\"}";
    }
}
