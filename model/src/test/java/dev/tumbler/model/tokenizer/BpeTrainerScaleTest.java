package dev.tumbler.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The trainer copes with a corpus of realistic size. */
@Tag("slow")
class BpeTrainerScaleTest {
    @Test
    void learnsFiveThousandMergesFromTwoHundredThousandChunks() {
        Map<String, Long> counts = syllableWords(42, 200_000);
        BpeTrainer.Result result = BpeTrainer.train(counts, BpeTrainer.Options.of(5000));
        assertEquals(5000, result.merges().size());
        assertFalse(result.stoppedEarly());
        assertEquals(counts.size(), result.distinctChunks());
    }

    /** Distinct words of 1..4 random syllables, some with a leading space or accent, with Zipf-like counts. */
    static Map<String, Long> syllableWords(long seed, int distinct) {
        String[] onsets = {"", "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st",
            "tr", "ch", "sh", "ž", "ñ"};
        String[] vowels = {"a", "e", "i", "o", "u", "ai", "ou", "é", "ü", "я", "中"};
        String[] codas = {"", "", "n", "r", "s", "t", "l", "ng", "ck"};
        Random random = new Random(seed);
        Map<String, Long> counts = new HashMap<>();
        while (counts.size() < distinct) {
            StringBuilder sb = new StringBuilder(random.nextInt(3) == 0 ? "" : " ");
            int syllables = 1 + random.nextInt(4);
            for (int s = 0; s < syllables; s++) {
                sb.append(onsets[random.nextInt(onsets.length)]).append(vowels[random.nextInt(vowels.length)])
                        .append(codas[random.nextInt(codas.length)]);
            }
            counts.put(sb.toString(), 1L + (long) (1e6 / Math.pow(1 + counts.size(), 1.1)) + random.nextInt(5));
        }
        return counts;
    }
}
