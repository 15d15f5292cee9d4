package dev.tumbler.sft.source;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * "What does X mean?" from WordNet 3.0 (apt {@code wordnet-base}): {@code data.noun}, {@code data.verb},
 * {@code data.adj} and {@code data.adv}, one synset a line, its words after the first four fields and its gloss
 * after {@code |}. The answer gives the word's senses (its part of speech and definition, and the first example
 * when the gloss has one), up to {@code maxSenses} of them, in the files' order.
 */
public final class WordNetSource implements SftSource {
    public static final String NAME = "wordnet";
    public static final String PACKAGE = "apt wordnet-base";
    /** The data files and the part of speech each holds. */
    static final Map<String, String> FILES = Map.of("data.noun", "noun", "data.verb", "verb", "data.adj", "adjective",
            "data.adv", "adverb");
    private static final List<String> ORDER = List.of("data.noun", "data.verb", "data.adj", "data.adv");
    private static final Pattern LEMMA = Pattern.compile("[A-Za-z][A-Za-z' -]*");
    private static final Pattern ADJ_MARKER = Pattern.compile("\\((a|p|ip)\\)$");

    /**
     * @param count      words to ask about
     * @param oversample copies of each conversation
     * @param dir        the folder of the data files
     * @param maxSenses  senses an answer lists at most
     */
    public record Config(int count, int oversample, String dir, int maxSenses) implements SourceConfig {
        public static Config defaults() {
            return new Config(600, 1, "/usr/share/wordnet", 3);
        }

        void validate() {
            validateMix(NAME);
            if (maxSenses < 1) {
                throw new IllegalArgumentException("sft_data.wordnet.max_senses must be >= 1, got " + maxSenses);
            }
        }
    }

    /** One sense of a word. */
    record Sense(String partOfSpeech, String definition, String example) {
    }

    private final Path dir;
    private final int maxSenses;

    public WordNetSource(Config config) {
        config.validate();
        this.dir = Path.of(config.dir());
        this.maxSenses = config.maxSenses();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        for (Path f : files()) {
            if (!Files.isRegularFile(f)) {
                return Optional.of(f + " is missing; install " + PACKAGE + " (or set sft_data.wordnet.dir)");
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Path> files() {
        return ORDER.stream().map(dir::resolve).toList();
    }

    @Override
    public List<ChatConversation> conversations(int count, SplittableRandom random) throws IOException {
        Map<String, List<Sense>> senses = senses();
        List<ChatConversation> out = new ArrayList<>();
        for (String word : Sampling.choose(new ArrayList<>(senses.keySet()), count, random)) {
            out.add(ChatConversation.of(ChatMessage.user("What does \"" + word + "\" mean?"),
                    ChatMessage.assistant(answer(word, senses.get(word)))));
        }
        return out;
    }

    /** Every word's senses, in file order. */
    Map<String, List<Sense>> senses() throws IOException {
        Map<String, List<Sense>> senses = new LinkedHashMap<>();
        for (String file : ORDER) {
            try (BufferedReader in = Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    addSynset(line, FILES.get(file), senses);
                }
            }
        }
        return senses;
    }

    /** Adds the words of one {@code data.*} line; license lines (indented) and lines with no gloss add nothing. */
    static void addSynset(String line, String partOfSpeech, Map<String, List<Sense>> senses) {
        int bar = line.indexOf(" | ");
        if (line.startsWith(" ") || bar < 0) {
            return;
        }
        String[] fields = line.substring(0, bar).split(" ");
        if (fields.length < 4) {
            return;
        }
        int words = Integer.parseInt(fields[3], 16);
        Sense sense = sense(partOfSpeech, line.substring(bar + 3).strip());
        if (sense == null) {
            return;
        }
        for (int w = 0; w < words && 4 + 2 * w < fields.length; w++) {
            String word = ADJ_MARKER.matcher(fields[4 + 2 * w]).replaceFirst("").replace('_', ' ');
            if (LEMMA.matcher(word).matches()) {
                List<Sense> list = senses.computeIfAbsent(word, k -> new ArrayList<>());
                if (!list.contains(sense)) {
                    list.add(sense);
                }
            }
        }
    }

    /** The gloss's definition (its unquoted parts) and first quoted example; null when it has no definition. */
    static Sense sense(String partOfSpeech, String gloss) {
        List<String> definition = new ArrayList<>();
        String example = null;
        for (String piece : gloss.split(";")) {
            String p = piece.strip();
            if (p.startsWith("\"")) {
                if (example == null && p.length() > 2) {
                    example = p.substring(1, p.endsWith("\"") ? p.length() - 1 : p.length()).strip();
                }
            } else if (!p.isEmpty()) {
                definition.add(p);
            }
        }
        return definition.isEmpty() ? null : new Sense(partOfSpeech, String.join("; ", definition), example);
    }

    String answer(String word, List<Sense> senses) {
        if (senses.size() == 1) {
            Sense s = senses.get(0);
            return "As " + article(s.partOfSpeech()) + " " + s.partOfSpeech() + ", \"" + word + "\" means "
                    + sentence(s.definition()) + example(s);
        }
        int shown = Math.min(maxSenses, senses.size());
        StringBuilder sb = new StringBuilder("\"").append(word).append("\" has ").append(senses.size())
                .append(" meanings").append(shown < senses.size() ? ", among them:" : ":");
        for (int i = 0; i < shown; i++) {
            Sense s = senses.get(i);
            sb.append('\n').append(i + 1).append(". (").append(s.partOfSpeech()).append(") ")
                    .append(sentence(s.definition())).append(example(s));
        }
        return sb.toString();
    }

    private static String example(Sense s) {
        return s.example() == null ? "" : " For example: \"" + s.example() + "\".";
    }

    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
