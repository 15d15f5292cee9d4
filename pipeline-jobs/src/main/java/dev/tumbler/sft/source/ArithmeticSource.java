package dev.tumbler.sft.source;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.chat.ChatPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Multi-digit arithmetic with the calculator: "What is 123 * 456?" is answered by the call {@code 123*456}, the
 * calculator's exact output, and the result in a sentence. Divisions are generated to come out even.
 */
public final class ArithmeticSource implements SftSource {
    public static final String NAME = "arithmetic";
    static final Set<String> OPERATORS = Set.of("+", "-", "*", "/");
    private static final List<String> PHRASINGS = List.of("What is %s?", "Calculate %s.", "Compute %s.",
            "What does %s equal?", "Work out %s, please.");

    /**
     * @param count      problems
     * @param oversample copies of each conversation
     * @param minDigits  fewest digits of an operand
     * @param maxDigits  most digits of an operand
     * @param operators  of {@code + - * /}
     */
    public record Config(int count, int oversample, int minDigits, int maxDigits, List<String> operators)
            implements SourceConfig {
        public Config {
            operators = List.copyOf(operators);
        }

        public static Config defaults() {
            return new Config(1500, 1, 2, 6, List.of("+", "-", "*", "/"));
        }

        void validate() {
            validateMix(NAME);
            if (minDigits < 1 || maxDigits > 15 || minDigits > maxDigits) {
                throw new IllegalArgumentException("sft_data.arithmetic.min_digits and max_digits must satisfy "
                        + "1 <= min_digits <= max_digits <= 15, got " + minDigits + " and " + maxDigits);
            }
            if (operators.isEmpty() || !OPERATORS.containsAll(operators)) {
                throw new IllegalArgumentException("sft_data.arithmetic.operators must be some of " + OPERATORS
                        + ", got " + operators);
            }
        }
    }

    private final Config config;

    public ArithmeticSource(Config config) {
        config.validate();
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ChatConversation> conversations(int count, SplittableRandom random) {
        List<ChatConversation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(problem(random));
        }
        return out;
    }

    private ChatConversation problem(SplittableRandom random) {
        String op = Sampling.pick(config.operators(), random);
        long a = operand(random);
        long b = operand(random);
        if (op.equals("/")) {
            b = Math.max(2, b % 1000);
            a = Math.max(1, a / b) * b;   // comes out even
        } else if (op.equals("-") && b > a && random.nextBoolean()) {
            long t = a;
            a = b;
            b = t;
        }
        String shown = a + " " + op + " " + b;
        ToolCall call = ToolCall.of(a + op + b);
        List<ChatPart> parts = new ArrayList<>(call.parts());
        parts.add(ChatPart.text(shown + " = " + call.output() + "."));
        return ChatConversation.of(ChatMessage.user(String.format(Sampling.pick(PHRASINGS, random), shown)),
                new ChatMessage(ChatMessage.Role.ASSISTANT, parts));
    }

    private long operand(SplittableRandom random) {
        return Sampling.withDigits(random.nextInt(config.minDigits(), config.maxDigits() + 1), random);
    }
}
