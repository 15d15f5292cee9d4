package dev.tumbler.sft;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.model.generate.Completion;
import dev.tumbler.model.generate.GenerationListener;
import dev.tumbler.model.generate.GenerationRequest;
import dev.tumbler.model.generate.Generator;
import dev.tumbler.model.generate.SamplingParams;
import dev.tumbler.model.generate.StopReason;
import dev.tumbler.model.generate.TransformerWeights;
import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.Tokenizer;
import dev.tumbler.model.tools.Calculator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The held-out evaluation of a chat model, run in one JVM (the SFT job runs it on the driver: a few hundred short
 * greedy generations of a small model). Each prompt is a reference conversation's first user turn, answered
 * greedily up to {@code maxTokens} tokens, with the {@link Calculator} running the model's tool calls; prompts of the
 * {@link EvalScoring#NUMERIC_TASKS tool tasks} are answered a second time with no tool (the call tokens are then
 * ordinary tokens, and the model must give the answer itself). Scored by {@link EvalScoring}: exact match, and the
 * stop rate (the share of replies that end with {@code <|assistant_end|>} within the limit). Prompts whose tokens
 * leave no room in the model's context are skipped and counted.
 */
public final class SftEval {
    /**
     * One held-out prompt.
     *
     * @param task      the task it came from (the conversations' {@code source})
     * @param reference the whole reference conversation
     */
    public record Prompt(String task, ChatConversation reference) {
    }

    /**
     * Counts for one task, or all of them.
     *
     * @param prompts             prompts answered (with the tool)
     * @param exact               replies whose answer matched
     * @param stopped             replies that ended with {@code <|assistant_end|>}
     * @param toolPrompts         prompts answered again without the tool (those of tool tasks)
     * @param exactWithoutTools   of those, replies whose answer matched
     * @param stoppedWithoutTools of those, replies that ended with {@code <|assistant_end|>}
     */
    public record TaskScore(int prompts, int exact, int stopped, int toolPrompts, int exactWithoutTools,
                            int stoppedWithoutTools) {
        /** No prompts. */
        public static final TaskScore NONE = new TaskScore(0, 0, 0, 0, 0, 0);

        /** Exact matches per prompt (0 when there are none). */
        public double accuracy() {
            return share(exact, prompts);
        }

        /** Replies ending with {@code <|assistant_end|>} per prompt. */
        public double stopRate() {
            return share(stopped, prompts);
        }

        /** Exact matches per prompt without the tool, null when no prompt was answered without it. */
        public Double accuracyWithoutTools() {
            return toolPrompts == 0 ? null : share(exactWithoutTools, toolPrompts);
        }

        /** Stop rate without the tool, null when no prompt was answered without it. */
        public Double stopRateWithoutTools() {
            return toolPrompts == 0 ? null : share(stoppedWithoutTools, toolPrompts);
        }

        TaskScore plus(TaskScore o) {
            return new TaskScore(prompts + o.prompts, exact + o.exact, stopped + o.stopped,
                    toolPrompts + o.toolPrompts, exactWithoutTools + o.exactWithoutTools,
                    stoppedWithoutTools + o.stoppedWithoutTools);
        }

        /** As the manifest holds it: the counts and the rates. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prompts", prompts);
            m.put("exact", exact);
            m.put("exact_match", accuracy());
            m.put("stop_rate", stopRate());
            if (toolPrompts > 0) {
                m.put("prompts_no_tools", toolPrompts);
                m.put("exact_no_tools", exactWithoutTools);
                m.put("exact_match_no_tools", accuracyWithoutTools());
                m.put("stop_rate_no_tools", stopRateWithoutTools());
            }
            return m;
        }

        private static double share(int count, int of) {
            return of == 0 ? 0.0 : (double) count / of;
        }
    }

    /**
     * The scores of one model.
     *
     * @param byTask         per task, its counts
     * @param overall        the counts over every task
     * @param skippedTooLong prompts not answered because they fill the model's context
     * @param maxTokens      the token limit of each reply
     */
    public record Report(Map<String, TaskScore> byTask, TaskScore overall, int skippedTooLong, int maxTokens) {
        public Report {
            byTask = Collections.unmodifiableMap(new TreeMap<>(byTask));
        }

        /** As the manifest holds it: {@code overall}, {@code by_task}, {@code skipped_too_long}, {@code max_tokens}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("overall", overall.toMap());
            Map<String, Object> tasks = new LinkedHashMap<>();
            byTask.forEach((t, s) -> tasks.put(t, s.toMap()));
            m.put("by_task", tasks);
            m.put("skipped_too_long", skippedTooLong);
            m.put("max_tokens", maxTokens);
            return m;
        }
    }

    private final Generator withTool;
    private final Generator withoutTool;
    private final ChatTemplate template;
    private final int stopToken;
    private final int maxTokens;

    /** An evaluation of {@code weights} with {@code tokenizer}, which must have the chat special tokens. */
    public SftEval(TransformerWeights weights, Tokenizer tokenizer, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("--eval-max-tokens must be >= 1, got " + maxTokens);
        }
        this.template = new ChatTemplate(tokenizer);
        this.withTool = new Generator(weights, tokenizer, new Calculator());
        this.withoutTool = new Generator(weights, tokenizer, null);
        this.stopToken = tokenizer.idOf(SpecialTokens.ASSISTANT_END);
        this.maxTokens = maxTokens;
    }

    /** Answers and scores every prompt. */
    public Report run(List<Prompt> prompts) {
        Map<String, TaskScore> byTask = new TreeMap<>();
        int skipped = 0;
        for (Prompt p : prompts) {
            int[] ids = template.promptForAssistant(EvalScoring.promptOf(p.reference()));
            if (ids.length >= withTool.contextLength()) {
                skipped++;
                continue;
            }
            String expected = EvalScoring.expectedAnswer(p.reference());
            Completion c = answer(withTool, ids);
            boolean exact = EvalScoring.matches(p.task(), expected, EvalScoring.replyAnswer(c.text()));
            TaskScore s = new TaskScore(1, exact ? 1 : 0, stopped(c) ? 1 : 0, 0, 0, 0);
            if (EvalScoring.isNumeric(p.task())) {
                Completion bare = answer(withoutTool, ids);
                boolean bareExact = EvalScoring.matches(p.task(), expected, EvalScoring.replyAnswer(bare.text()));
                s = s.plus(new TaskScore(0, 0, 0, 1, bareExact ? 1 : 0, stopped(bare) ? 1 : 0));
            }
            byTask.merge(p.task(), s, TaskScore::plus);
        }
        TaskScore overall = byTask.values().stream().reduce(TaskScore.NONE, TaskScore::plus);
        return new Report(byTask, overall, skipped, maxTokens);
    }

    /** Whether the reply ended its turn itself. */
    static boolean stopped(Completion c) {
        return c.stopReason() == StopReason.STOP_TOKEN;
    }

    private Completion answer(Generator generator, int[] prompt) {
        GenerationRequest request = new GenerationRequest(prompt, 1, maxTokens, SamplingParams.greedy(), 0L,
                stopToken);
        return generator.generate(request, GenerationListener.NONE).get(0);
    }
}
