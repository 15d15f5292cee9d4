package dev.tumbler.sft;

import dev.tumbler.sft.source.ArithmeticSource;
import dev.tumbler.sft.source.IdentitySource;
import dev.tumbler.sft.source.LetterCountSource;
import dev.tumbler.sft.source.QuizSource;
import dev.tumbler.sft.source.RiddleSource;
import dev.tumbler.sft.source.SotuSource;
import dev.tumbler.sft.source.WordNetSource;
import dev.tumbler.sft.source.WordProblemSource;

/**
 * The SFT mixture ({@code sft_data.*}): how many conversations each source gives and how many copies of each, and
 * the share held out for validation. Defaults in code, equal to {@code conf/sft/default.yaml} (a test keeps them
 * equal); {@code --conf} and {@code --set sft_data.KEY=VALUE} override them. The seed is {@code --seed}.
 *
 * @param valFraction share of questions (by the hash of the normalized question) in the {@code val} split
 */
public record SftDataConfig(
        double valFraction,
        WordNetSource.Config wordnet,
        QuizSource.Config quiz,
        RiddleSource.Config riddles,
        SotuSource.Config sotu,
        IdentitySource.Config identity,
        ArithmeticSource.Config arithmetic,
        LetterCountSource.Config letterCount,
        WordProblemSource.Config wordProblems) {

    /** The configuration section's name. */
    public static final String SECTION = "sft_data";

    public static SftDataConfig defaults() {
        return new SftDataConfig(0.05, WordNetSource.Config.defaults(), QuizSource.Config.defaults(),
                RiddleSource.Config.defaults(), SotuSource.Config.defaults(), IdentitySource.Config.defaults(),
                ArithmeticSource.Config.defaults(), LetterCountSource.Config.defaults(),
                WordProblemSource.Config.defaults());
    }

    /** Throws naming {@code sft_data.val_fraction} when it is out of range (each source checks its own keys). */
    public void validate() {
        QuestionSplit.requireFraction(valFraction, SECTION + ".val_fraction");
    }
}
