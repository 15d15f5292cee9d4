package dev.tumbler.sft;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.chat.ChatPart;
import dev.tumbler.model.tokenizer.SpecialTokens;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link SftEval} scores one reply: the expected answer is the last text part of the reference's first
 * assistant message (the reply to the prompted first user turn); the reply's answer is its text after the last tool
 * output, without tool calls or special tokens. Answers match when their normalized forms (trimmed, lower case,
 * whitespace collapsed) are equal; for the {@link #NUMERIC_TASKS} when the last number of each is the same number.
 */
public final class EvalScoring {
    /** The tasks whose answer is a number, and which the calculator serves. */
    public static final Set<String> NUMERIC_TASKS = Set.of("arithmetic", "letter_count", "word_problems");

    private static final Pattern TOOL_CALL = Pattern.compile(Pattern.quote(SpecialTokens.PYTHON_START) + ".*?(?:"
            + Pattern.quote(SpecialTokens.PYTHON_END) + "|$)", Pattern.DOTALL);
    private static final Pattern TOOL_OUTPUT = Pattern.compile(Pattern.quote(SpecialTokens.OUTPUT_START) + ".*?(?:"
            + Pattern.quote(SpecialTokens.OUTPUT_END) + "|$)", Pattern.DOTALL);
    private static final Pattern SPECIAL = Pattern.compile("<\\|[a-z_]+\\|>");
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d{3}(?!\\d))");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])-?\\d+(?:\\.\\d+)?");

    private EvalScoring() {
    }

    /** Whether {@code task} is scored by its last number (and evaluated with and without tools). */
    public static boolean isNumeric(String task) {
        return NUMERIC_TASKS.contains(task);
    }

    /** The first user turn alone, as the prompt the model answers. */
    public static ChatConversation promptOf(ChatConversation reference) {
        return new ChatConversation(List.of(reference.messages().get(0)));
    }

    /**
     * The expected answer: the last text part of the reference's first assistant message.
     *
     * @throws IllegalArgumentException when the reference has no assistant message or that message no text part
     */
    public static String expectedAnswer(ChatConversation reference) {
        if (!reference.hasAssistantTurn()) {
            throw new IllegalArgumentException("a reference conversation needs an assistant reply to score against");
        }
        ChatMessage reply = reference.messages().get(1);
        List<ChatPart> parts = reply.parts();
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (parts.get(i).kind() == ChatPart.Kind.TEXT) {
                return parts.get(i).text();
            }
        }
        throw new IllegalArgumentException("the reference reply has no text part, only tool calls and outputs");
    }

    /**
     * The answer in a generated reply (its decoded text, special tokens as their text): what follows the last
     * {@code <|output_end|>}, or the whole reply, with tool calls, tool outputs and special tokens removed.
     */
    public static String replyAnswer(String replyText) {
        String text = replyText;
        int last = text.lastIndexOf(SpecialTokens.OUTPUT_END);
        if (last >= 0) {
            text = text.substring(last + SpecialTokens.OUTPUT_END.length());
        }
        text = TOOL_CALL.matcher(text).replaceAll(" ");
        text = TOOL_OUTPUT.matcher(text).replaceAll(" ");
        return SPECIAL.matcher(text).replaceAll(" ");
    }

    /** Trimmed, lower case, runs of whitespace made one space. */
    public static String normalize(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** The last number in {@code text} (thousands separators dropped), or null when it holds none. */
    public static BigDecimal lastNumber(String text) {
        Matcher m = NUMBER.matcher(THOUSANDS.matcher(text).replaceAll(""));
        String found = null;
        while (m.find()) {
            found = m.group();
        }
        return found == null ? null : new BigDecimal(found);
    }

    /** Whether the reply's answer matches the expected one for {@code task}. */
    public static boolean matches(String task, String expected, String replyAnswer) {
        if (isNumeric(task)) {
            BigDecimal want = lastNumber(expected);
            BigDecimal got = lastNumber(replyAnswer);
            if (want != null) {
                return got != null && want.compareTo(got) == 0;
            }
        }
        return normalize(expected).equals(normalize(replyAnswer));
    }
}
