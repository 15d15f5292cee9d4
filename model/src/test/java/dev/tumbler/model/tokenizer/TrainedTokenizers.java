package dev.tumbler.model.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Trains real tokenizers for tests: chunk counts from a split pattern, merges from {@link BpeTrainer}. */
final class TrainedTokenizers {
    private TrainedTokenizers() {
    }

    static Map<String, Long> chunkCounts(String text, SplitPattern pattern) {
        Map<String, Long> counts = new HashMap<>();
        for (String chunk : pattern.split(text)) {
            counts.merge(chunk, 1L, Long::sum);
        }
        return counts;
    }

    static BpeTrainer.Result merges(String text, int numMerges, SplitPattern pattern) {
        return BpeTrainer.train(chunkCounts(text, pattern), BpeTrainer.Options.of(numMerges));
    }

    static Tokenizer train(String text, int numMerges, SplitPattern pattern) {
        List<byte[][]> merges = merges(text, numMerges, pattern).merges();
        return Tokenizer.fromMerges(merges, pattern, SpecialTokens.ALL);
    }
}
