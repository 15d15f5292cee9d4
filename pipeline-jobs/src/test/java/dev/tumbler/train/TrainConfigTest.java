package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.config.ConfigResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    private static final List<String> SECTIONS = List.of("model", "train");

    @TempDir
    Path dir;

    private static TrainConfig resolve(Path preset, List<String> sets) {
        return ConfigResolver.resolve("train", TrainConfig.PRETRAIN, TrainConfig.class, preset,
                ConfigResolver.sectionSets(sets, "train", SECTIONS));
    }

    @Test
    void theShippedPretrainPresetIsTheDefaultsInCode() {
        Path preset = Path.of(System.getProperty("tumbler.repo.root", "..")).resolve("conf/train/pretrain.yaml");
        assertEquals(TrainConfig.PRETRAIN, resolve(preset, List.of()));
    }

    @Test
    void theShippedSftPresetIsTheDefaultsInCode() {
        Path preset = Path.of(System.getProperty("tumbler.repo.root", "..")).resolve("conf/train/sft.yaml");
        assertEquals(TrainConfig.SFT, ConfigResolver.resolve("train", TrainConfig.PRETRAIN, TrainConfig.class, preset,
                List.of()));
    }

    @Test
    void codeThenPresetThenSetThenFlags() throws Exception {
        Path preset = dir.resolve("t.yaml");
        Files.writeString(preset, "train:\n  lr: 0.001\n  steps: 50\n  warmup: 3\n");
        // The CLI appends the flags it was given as train.* overrides after the user's own --set.
        TrainConfig c = resolve(preset, List.of("model.d_model=16", "train.steps=70", "train.warmup=4",
                "train.steps=90"));
        assertEquals(0.001, c.lr());
        assertEquals(90, c.steps());
        assertEquals(4, c.warmup());
        assertEquals(TrainConfig.PRETRAIN.workers(), c.workers());
    }

    @Test
    void badValuesAndKeysNameTheOption() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, List.of("train.steps=0")));
        assertTrue(zero.getMessage().startsWith("train.steps (--steps) must be in [1, "), zero.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, List.of("train.stepz=3")));
        assertTrue(unknown.getMessage().contains("train.stepz"), unknown.getMessage());
        IllegalArgumentException section = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, List.of("ingest.dedup.bands=3")));
        assertTrue(section.getMessage().contains("ingest.dedup.bands") && section.getMessage().contains("'train.'"),
                section.getMessage());
    }

    @Test
    void stepsRoundUpToWholeRoundsAndTheScheduleEndsThere() {
        TrainConfig c = resolve(null, List.of("train.steps=60", "train.averaging_frequency=8", "train.warmup=4"));
        assertEquals(64, c.roundedSteps());
        assertEquals(8, c.rounds());
        LrSchedule s = c.schedule();
        assertEquals(64, s.totalSteps());
        assertEquals(c.lr() * c.minLrRatio(), s.valueAt(64, 0), 1e-15);
        assertTrue(s.valueAt(40, 0) > s.valueAt(60, 0));
    }

    @Test
    void aResumedRunWithMoreStepsFollowsTheNewRunsCurve() {
        TrainConfig shorter = resolve(null, List.of("train.steps=32"));
        TrainConfig longer = resolve(null, List.of("train.steps=64"));
        // At step 32 the short run is at its floor; resumed with 64 steps the run continues on the long curve.
        assertEquals(shorter.lr() * shorter.minLrRatio(), shorter.schedule().valueAt(32, 0), 1e-15);
        assertTrue(longer.schedule().valueAt(32, 0) > 2 * shorter.schedule().valueAt(32, 0));
    }

    @Test
    void mentionsTellsAnExplicitKeyFromADefault() throws Exception {
        Path preset = dir.resolve("m.yaml");
        Files.writeString(preset, "model:\n  seq_len: 256\n");
        assertTrue(ConfigResolver.mentions("model", "seq_len", preset, List.of()));
        assertTrue(ConfigResolver.mentions("model", "seq_len", null, List.of("model.seq_len=64")));
        assertFalse(ConfigResolver.mentions("model", "seq_len", null, List.of("model.d_model=64")));
        assertFalse(ConfigResolver.mentions("model", "seq_len", TinyShards.tinyPreset(), List.of()));
    }
}
