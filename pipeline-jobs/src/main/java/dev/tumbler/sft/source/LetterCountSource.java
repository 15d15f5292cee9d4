package dev.tumbler.sft.source;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.chat.ChatPart;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Counting a letter in a word with the calculator: "How many times does the letter "r" appear in "strawberry"?"
 * is answered by the call {@code "strawberry".count("r")}, its output, and the count in a sentence. The words are a
 * fixed list here; the letter is one of the word's letters, or now and then one it lacks (count 0).
 */
public final class LetterCountSource implements SftSource {
    public static final String NAME = "letter_count";
    static final List<String> WORDS = List.of(("strawberry banana mississippi bookkeeper committee balloon "
            + "raspberry blueberry pineapple watermelon coconut avocado broccoli cucumber tomato potato lemonade "
            + "chocolate caramel vanilla cinnamon pepper butterfly caterpillar hippopotamus elephant giraffe "
            + "kangaroo crocodile alligator penguin dolphin octopus squirrel rabbit parrot flamingo mosquito "
            + "grasshopper bumblebee ladybug umbrella bicycle motorcycle helicopter submarine airplane skateboard "
            + "computer keyboard programming algorithm variable function parallel processor transformer "
            + "tokenizer embedding attention gradient optimizer parameter assessment necessary occasion "
            + "accommodate embarrass millennium possession questionnaire recommend tomorrow success address "
            + "beginning different engineer excellent happiness independent knowledge language mathematics "
            + "neighbourhood opportunity particular remember sentence together wonderful yesterday zebra "
            + "quizzical jazz pizza puzzle fizzing buzzword razzmatazz coffee toffee cheese freezer teeth "
            + "sleepless referee agreement letter little middle bottle apple paddle seventeen eleventh "
            + "cassette assassin tennessee savanna banana bandana alabama abracadabra").split(" "));
    private static final List<String> PHRASINGS = List.of(
            "How many times does the letter \"%s\" appear in \"%s\"?",
            "How many %s's are in the word \"%s\"?",
            "Count the letter \"%s\" in \"%s\".",
            "In the word \"%2$s\", how many times does \"%1$s\" occur?");

    /**
     * @param count      questions
     * @param oversample copies of each conversation
     */
    public record Config(int count, int oversample) implements SourceConfig {
        public static Config defaults() {
            return new Config(600, 1);
        }
    }

    public LetterCountSource(Config config) {
        config.validateMix(NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ChatConversation> conversations(int count, SplittableRandom random) {
        List<ChatConversation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String word = Sampling.pick(WORDS, random);
            String letter = random.nextInt(10) == 0 ? String.valueOf((char) ('a' + random.nextInt(26)))
                    : String.valueOf(word.charAt(random.nextInt(word.length())));
            ToolCall call = ToolCall.of("\"" + word + "\".count(\"" + letter + "\")");
            List<ChatPart> parts = new ArrayList<>(call.parts());
            parts.add(ChatPart.text(answer(word, letter, call.output())));
            out.add(ChatConversation.of(ChatMessage.user(String.format(Sampling.pick(PHRASINGS, random), letter,
                    word)), new ChatMessage(ChatMessage.Role.ASSISTANT, parts)));
        }
        return out;
    }

    static String answer(String word, String letter, String count) {
        String times = switch (count) {
            case "0" -> "does not appear";
            case "1" -> "appears once";
            case "2" -> "appears twice";
            default -> "appears " + count + " times";
        };
        return "The letter \"" + letter + "\" " + times + " in \"" + word + "\".";
    }
}
