package dev.tumbler.sft.source;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.chat.ChatPart;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-step arithmetic word problems: the answer explains each step, computes it with the calculator (the call
 * and its exact output), carries the output into the next step, and ends with the line {@code Answer: N}.
 */
public final class WordProblemSource implements SftSource {
    public static final String NAME = "word_problems";

    /**
     * @param count      problems
     * @param oversample copies of each conversation
     */
    public record Config(int count, int oversample) implements SourceConfig {
        public static Config defaults() {
            return new Config(600, 1);
        }
    }

    /** The assistant's parts so far, built step by step. */
    private static final class Steps {
        final List<ChatPart> parts = new ArrayList<>();

        /** Says {@code text}, computes {@code code} with the calculator and returns its output. */
        String step(String text, String code) {
            parts.add(ChatPart.text(text));
            ToolCall call = ToolCall.of(code);
            parts.addAll(call.parts());
            return call.output();
        }

        ChatMessage finish(String text, String answer) {
            parts.add(ChatPart.text(text + "\nAnswer: " + answer));
            return new ChatMessage(ChatMessage.Role.ASSISTANT, parts);
        }
    }

    public WordProblemSource(Config config) {
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
            out.add(switch (random.nextInt(5)) {
                case 0 -> leftOver(random);
                case 1 -> journey(random);
                case 2 -> sharing(random);
                case 3 -> tickets(random);
                default -> savings(random);
            });
        }
        return out;
    }

    private static ChatConversation leftOver(SplittableRandom r) {
        long boxes = r.nextLong(12, 200);
        long each = r.nextLong(6, 60);
        long sold = r.nextLong(1, boxes * each);
        String user = "A shop has " + boxes + " boxes with " + each + " apples in each box. It sells " + sold
                + " apples. How many apples are left?";
        Steps s = new Steps();
        String total = s.step("First, the apples in all the boxes: " + boxes + " boxes of " + each + ".",
                boxes + "*" + each);
        String left = s.step("\nThen take away the " + sold + " apples sold.", total + "-" + sold);
        return ChatConversation.of(ChatMessage.user(user), s.finish("\nSo " + left + " apples are left.", left));
    }

    private static ChatConversation journey(SplittableRandom r) {
        long v1 = r.nextLong(40, 130);
        long t1 = r.nextLong(2, 9);
        long v2 = r.nextLong(30, 120);
        long t2 = r.nextLong(2, 9);
        String user = "A train travels at " + v1 + " km per hour for " + t1 + " hours, then at " + v2
                + " km per hour for " + t2 + " hours. How far does it travel in total?";
        Steps s = new Steps();
        String d1 = s.step("The first part of the trip: " + v1 + " km per hour for " + t1 + " hours.", v1 + "*" + t1);
        String d2 = s.step("\nThe second part: " + v2 + " km per hour for " + t2 + " hours.", v2 + "*" + t2);
        String sum = s.step("\nAdd the two distances.", d1 + "+" + d2);
        return ChatConversation.of(ChatMessage.user(user), s.finish("\nThe train travels " + sum + " km.", sum));
    }

    private static ChatConversation sharing(SplittableRandom r) {
        long rooms = r.nextLong(3, 13);
        long perRoom = r.nextLong(10, 90);
        long students = rooms * perRoom;
        long pencils = r.nextLong(2, 7);
        String user = "There are " + students + " students and each brings " + pencils + " pencils. The pencils are"
                + " shared equally among " + rooms + " classrooms. How many pencils does each classroom get?";
        Steps s = new Steps();
        String total = s.step("First, all the pencils: " + students + " students with " + pencils + " each.",
                students + "*" + pencils);
        String each = s.step("\nThen share them among the " + rooms + " classrooms.", total + "//" + rooms);
        return ChatConversation.of(ChatMessage.user(user), s.finish("\nEach classroom gets " + each + " pencils.",
                each));
    }

    private static ChatConversation tickets(SplittableRandom r) {
        long adults = r.nextLong(20, 500);
        long adultPrice = r.nextLong(12, 80);
        long children = r.nextLong(10, 300);
        long childPrice = r.nextLong(4, adultPrice);
        String user = "A concert sells " + adults + " adult tickets at " + adultPrice + " dollars and " + children
                + " child tickets at " + childPrice + " dollars. How much money does it take in?";
        Steps s = new Steps();
        String a = s.step("The adult tickets bring in " + adults + " times " + adultPrice + " dollars.",
                adults + "*" + adultPrice);
        String c = s.step("\nThe child tickets bring in " + children + " times " + childPrice + " dollars.",
                children + "*" + childPrice);
        String sum = s.step("\nAdd them.", a + "+" + c);
        return ChatConversation.of(ChatMessage.user(user), s.finish("\nThe concert takes in " + sum + " dollars.",
                sum));
    }

    private static ChatConversation savings(SplittableRandom r) {
        long weekly = r.nextLong(5, 120);
        long weeks = r.nextLong(4, 52);
        long spent = r.nextLong(1, weekly * weeks);
        long gift = r.nextLong(10, 300);
        String user = "Maria saves " + weekly + " dollars a week for " + weeks + " weeks and gets a gift of " + gift
                + " dollars. Then she spends " + spent + " dollars on a bike. How much money does she have left?";
        Steps s = new Steps();
        String saved = s.step("Her savings: " + weekly + " dollars a week for " + weeks + " weeks.",
                weekly + "*" + weeks);
        String withGift = s.step("\nAdd the gift of " + gift + " dollars.", saved + "+" + gift);
        String left = s.step("\nTake away the " + spent + " dollars for the bike.", withGift + "-" + spent);
        return ChatConversation.of(ChatMessage.user(user), s.finish("\nMaria has " + left + " dollars left.", left));
    }
}
