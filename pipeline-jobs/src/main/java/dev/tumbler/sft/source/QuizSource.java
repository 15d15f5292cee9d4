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
 * Questions and answers from bsdgames' quizzes (apt {@code bsdgames}): {@code quiz/index} names each quiz's data
 * file and its categories ({@code africa:Africa{n}:cap{ital}}); each line of a data file holds one fact per
 * category. A conversation asks the first category's value for another category's, phrased from the index's
 * category names ({@code African "Algeria": what is the capital?}); the answer is that category's first alternative
 * with its optional parts kept ({@link QuizPattern}).
 */
public final class QuizSource implements SftSource {
    public static final String NAME = "quiz";
    public static final String PACKAGE = "apt bsdgames";
    static final String INDEX = "index";

    /**
     * @param count      questions at most
     * @param oversample copies of each conversation
     * @param dir        the quiz folder, with {@code index}
     * @param exclude    quizzes (data file names) left out
     */
    public record Config(int count, int oversample, String dir, List<String> exclude) implements SourceConfig {
        public Config {
            exclude = List.copyOf(exclude);
        }

        /** The default leaves out quizzes that do not read as questions (ed commands, UCC sections, Star Trek
         * trivia written as regexes, transliterated Greek) and the two arithmetic drills, which the tool tasks
         * teach with the calculator. */
        public static Config defaults() {
            return new Config(600, 1, "/usr/share/games/bsdgames/quiz",
                    List.of("arith", "ed", "greek", "mult", "trek", "ucc"));
        }

        void validate() {
            validateMix(NAME);
        }
    }

    private final Path dir;
    private final List<String> exclude;

    public QuizSource(Config config) {
        config.validate();
        this.dir = Path.of(config.dir());
        this.exclude = config.exclude();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        Path index = dir.resolve(INDEX);
        return Files.isRegularFile(index) ? Optional.empty()
                : Optional.of(index + " is missing; install " + PACKAGE + " (or set sft_data.quiz.dir)");
    }

    @Override
    public List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(dir.resolve(INDEX)));
        try {
            for (List<String> quiz : index()) {
                files.add(dataFile(quiz));
            }
        } catch (IOException e) {
            // unavailable() reports a missing index; the files are listed for hashing only
        }
        return files;
    }

    @Override
    public List<ChatConversation> conversations(int count, SplittableRandom random) throws IOException {
        List<ChatConversation> all = new ArrayList<>();
        for (List<String> quiz : index()) {
            Path data = dataFile(quiz);
            if (!Files.isRegularFile(data)) {
                continue;
            }
            List<String> names = quiz.subList(1, quiz.size()).stream().map(QuizPattern::firstAlternative).toList();
            for (List<String> facts : lines(data)) {
                String question = QuizPattern.firstAlternative(facts.get(0));
                for (int to = 1; to < Math.min(names.size(), facts.size()); to++) {
                    String answer = QuizPattern.firstAlternative(facts.get(to));
                    if (!question.isEmpty() && !answer.isEmpty()) {
                        all.add(conversation(names.get(0), question, names.get(to), answer));
                    }
                }
            }
        }
        return Sampling.choose(all, count, random);
    }

    static ChatConversation conversation(String from, String question, String to, String answer) {
        String user = capitalize(from) + " \"" + question + "\": what is the " + to + "?";
        String end = answer.endsWith(".") || answer.endsWith("!") || answer.endsWith("?") ? "" : ".";
        return ChatConversation.of(ChatMessage.user(user),
                ChatMessage.assistant("The " + to + " is " + answer + end));
    }

    /** The index's quizzes, each as its categories (data file first), without the excluded ones. */
    private List<List<String>> index() throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (List<String> quiz : lines(dir.resolve(INDEX))) {
            if (quiz.size() >= 3 && !exclude.contains(fileName(quiz.get(0)))) {
                out.add(quiz);
            }
        }
        return out;
    }

    /** The quiz's data file, found by its name in {@link #dir} wherever the index says it was installed. */
    private Path dataFile(List<String> quiz) {
        return dir.resolve(fileName(quiz.get(0)));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1).strip();
    }

    /** A quiz file's lines (continuations joined) as categories. */
    static List<List<String>> lines(Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\r?\n")) {
            if (QuizPattern.continues(line)) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            pending.append(line);
            if (!pending.toString().isBlank()) {
                out.add(QuizPattern.categories(pending.toString()));
            }
            pending.setLength(0);
        }
        if (!pending.toString().isBlank()) {
            out.add(QuizPattern.categories(pending.toString()));
        }
        return out;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
