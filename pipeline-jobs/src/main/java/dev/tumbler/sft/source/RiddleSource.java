package dev.tumbler.sft.source;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Riddles from the fortune file {@code riddles} (apt {@code fortunes-min}): entries separated by {@code %} lines;
 * in a paragraph of an entry, a {@code Q:} next to an {@code A:} (in either order, each continued on indented lines)
 * is one conversation. Entries of other shapes (knock-knock dialogues) are left out.
 */
public final class RiddleSource implements SftSource {
    public static final String NAME = "riddles";
    public static final String PACKAGE = "apt fortunes-min";

    /**
     * @param count      riddles at most
     * @param oversample copies of each conversation
     * @param file       the fortune file
     */
    public record Config(int count, int oversample, String file) implements SourceConfig {
        public static Config defaults() {
            return new Config(200, 2, "/usr/share/games/fortunes/riddles");
        }
    }

    /** One riddle. */
    record Riddle(String question, String answer) {
    }

    private final Path file;

    public RiddleSource(Config config) {
        config.validateMix(NAME);
        this.file = Path.of(config.file());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        return Files.isRegularFile(file) ? Optional.empty()
                : Optional.of(file + " is missing; install " + PACKAGE + " (or set sft_data.riddles.file)");
    }

    @Override
    public List<Path> files() {
        return List.of(file);
    }

    @Override
    public List<ChatConversation> conversations(int count, SplittableRandom random) throws IOException {
        List<ChatConversation> out = new ArrayList<>();
        for (Riddle r : Sampling.choose(riddles(Files.readString(file, StandardCharsets.UTF_8)), count, random)) {
            out.add(ChatConversation.of(ChatMessage.user(r.question()), ChatMessage.assistant(r.answer())));
        }
        return out;
    }

    /** The riddles of a fortune file's text, in file order. */
    static List<Riddle> riddles(String text) {
        List<Riddle> out = new ArrayList<>();
        for (String entry : text.split("(?m)^%\\s*$")) {
            for (String paragraph : entry.split("\\n\\s*\\n")) {
                out.addAll(pairs(paragraph));
            }
        }
        return out;
    }

    /** The paragraph's fields ("Q:..." or "A:..."), each Q paired with an A right before or after it. */
    private static List<Riddle> pairs(String paragraph) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : paragraph.split("\\n")) {
            if (line.startsWith("Q:") || line.startsWith("A:")) {
                flush(fields, current);
                current = new StringBuilder(line);
            } else if (current != null && !line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                current.append(' ').append(line.strip());
            } else {
                flush(fields, current);
                current = null;
            }
        }
        flush(fields, current);
        List<Riddle> out = new ArrayList<>();
        for (int i = 0; i + 1 < fields.size(); i++) {
            String a = fields.get(i);
            String b = fields.get(i + 1);
            if (a.charAt(0) != b.charAt(0)) {
                String q = unquote((a.charAt(0) == 'Q' ? a : b).substring(2).strip());
                String answer = unquote((a.charAt(0) == 'Q' ? b : a).substring(2).strip());
                if (!q.isEmpty() && !answer.isEmpty()) {
                    out.add(new Riddle(q, answer));
                }
                i++;
            }
        }
        return out;
    }

    private static void flush(List<String> fields, StringBuilder current) {
        if (current != null) {
            fields.add(current.toString().replaceAll("\\s+", " ").strip());
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
    }
}
