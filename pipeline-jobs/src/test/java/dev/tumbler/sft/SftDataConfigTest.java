package dev.tumbler.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.jobs.RunContext;
import dev.tumbler.jobs.SftDataJob;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mixture's configuration: the shipped preset equals the defaults in code; bad values name their key. */
class SftDataConfigTest {
    private static SftDataConfig resolve(Path preset, String... sets) {
        return SftDataJob.resolveConfig(new RunContext("store", null, 1, preset, List.of(sets), false, "test"));
    }

    @Test
    void theShippedDefaultPresetMatchesTheDefaultsInCode() {
        Path preset = Path.of(System.getProperty("tumbler.repo.root", "..")).resolve("conf/sft/default.yaml");
        assertEquals(SftDataConfig.defaults(), resolve(preset));
        assertEquals(SftDataConfig.defaults(), resolve(null));
    }

    @Test
    void setOverridesAndBadValuesNameTheKey() {
        assertEquals(7, resolve(null, "sft_data.arithmetic.count=7").arithmetic().count());
        for (String bad : List.of("sft_data.val_fraction=1.5", "sft_data.wordnet.oversample=0",
                "sft_data.arithmetic.max_digits=99", "sft_data.riddles.count=-1", "sft_data.wordnet.max_senses=0")) {
            String key = bad.substring(0, bad.indexOf('='));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                SftDataConfig c = resolve(null, bad);
                Mixture.of(c, null, Path.of("."), System.out);
            }, bad);
            assertTrue(e.getMessage().contains(key.substring(0, key.lastIndexOf('.') + 1))
                    || e.getMessage().contains(key), e.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, "sft_data.wordnet.colour=red"));
        assertTrue(unknown.getMessage().contains("sft_data.wordnet.colour"), unknown.getMessage());
    }
}
