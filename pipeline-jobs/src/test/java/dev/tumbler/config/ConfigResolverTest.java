package dev.tumbler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.pipeline.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
    @TempDir
    Path dir;

    private IngestConfig resolve(Path preset, String... sets) {
        return ConfigResolver.resolve("ingest", IngestConfig.defaults(), IngestConfig.class, preset, List.of(sets));
    }

    @Test
    void defaultsRoundTripThroughTheResolver() {
        assertEquals(IngestConfig.defaults(), resolve(null));
    }

    @Test
    void presetThenSetOverrideInOrder() throws Exception {
        Path preset = dir.resolve("p.yaml");
        Files.writeString(preset, "ingest:\n  dedup:\n    jaccard_threshold: 0.7\n    bands: 20\n  language:\n    languages: [en, de]\n");
        IngestConfig c = resolve(preset, "ingest.dedup.bands=10");
        assertEquals(0.7, c.dedup().jaccardThreshold());
        assertEquals(10, c.dedup().bands());
        assertEquals(List.of("en", "de"), c.language().languages());
        assertEquals(IngestConfig.defaults().gopherQuality(), c.gopherQuality());
    }

    @Test
    void unknownKeysAndBadValuesNameTheOption() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, "ingest.dedup.bandz=3"));
        assertTrue(unknown.getMessage().contains("ingest.dedup.bandz"), unknown.getMessage());
        IllegalArgumentException badType = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, "ingest.dedup.bands=many"));
        assertTrue(badType.getMessage().contains("ingest.dedup.bands"), badType.getMessage());
        Path preset = dir.resolve("bad.yaml");
        Files.writeString(preset, "ingest:\n  c4:\n    no_such_rule: true\n");
        IllegalArgumentException inPreset = assertThrows(IllegalArgumentException.class, () -> resolve(preset));
        assertTrue(inPreset.getMessage().contains("ingest.c4.no_such_rule"), inPreset.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, "ingest.dedup.jaccard_threshold=1.5").validate());
        assertTrue(range.getMessage().contains("ingest.dedup.jaccard_threshold"), range.getMessage());
    }

    @Test
    void theShippedDefaultPresetMatchesTheDefaultsInCode() {
        Path preset = Path.of(System.getProperty("tumbler.repo.root", "..")).resolve("conf/ingest/default.yaml");
        assertEquals(IngestConfig.defaults(), resolve(preset));
    }
}
