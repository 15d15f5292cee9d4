package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.generate.TransformerWeights;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** A saved checkpoint loads back with the same config, outputs and updater state. */
class ModelFilesTest {

    @Test
    void saveThenLoadGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        TransformerConfig c = TestModels.tiny(2, PositionEncoding.ROTARY, false);
        ComputationGraph graph = TransformerGraph.build(c, 3L, new Adam(1e-3), 0.01, 1.0);
        INDArray tokens = TestModels.randomTokens(2, c, 9L);                        // [mb, T]
        INDArray labels = TestModels.randomTokens(2, c, 10L).reshape(2, 1, c.seqLen()); // [mb, 1, T]
        graph.fit(new INDArray[] {tokens}, new INDArray[] {labels});              // creates updater state

        ModelFiles.save(graph, c, dir);
        ModelFiles.Loaded loaded = ModelFiles.load(dir);

        assertEquals(c, loaded.config());
        assertEquals(graph.params(), loaded.graph().params());
        assertEquals(graph.getUpdater().getStateViewArray(), loaded.graph().getUpdater().getStateViewArray());
        assertEquals(graph.outputSingle(tokens.dup()), loaded.graph().outputSingle(tokens.dup()));
    }

    @Test
    void aConfigSavedBeforeTheBiasKeyLoadsAsAModelWithBiases(@TempDir Path dir) throws Exception {
        TransformerConfig c = TestModels.tiny(1, PositionEncoding.LEARNED, true);
        ComputationGraph graph = TransformerGraph.build(c, 3L);
        ModelFiles.save(graph, c, dir);
        Path config = dir.resolve(ModelFiles.CONFIG_FILE);
        String text = Files.readString(config, StandardCharsets.UTF_8);
        String withoutBias = text.replaceAll(",\\s*\"bias\"\\s*:\\s*true", "");
        assertFalse(withoutBias.contains("bias"), withoutBias);
        Files.writeString(config, withoutBias);

        ModelFiles.Loaded loaded = ModelFiles.load(dir);
        assertEquals(c, loaded.config());
        assertEquals(graph.params(), loaded.graph().params());
    }

    /**
     * Models saved by the release before heads were selectable (fixtures in {@code release-models/}: config and
     * layer JSON without a head) load as LM models with the same parameters, Adam state and probabilities, bit for bit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"learned-bias", "rotary-nobias"})
    void aModelSavedByTheReleaseBeforeHeadsLoadsWithIdenticalOutputs(String name) throws Exception {
        Path dir = Path.of(ModelFilesTest.class.getResource("/release-models/" + name).toURI());
        String configJson = Files.readString(dir.resolve(ModelFiles.CONFIG_FILE), StandardCharsets.UTF_8);
        assertFalse(configJson.contains("\"head\""), configJson);
        ModelFiles.Loaded loaded = ModelFiles.load(dir);
        assertEquals(HeadKind.LM, loaded.config().head());
        DecoderLayer decoder = (DecoderLayer) loaded.graph().getLayer(TransformerGraph.DECODER).conf().getLayer();
        assertEquals(HeadKind.LM, decoder.headKind());
        assertTrue(loaded.graph().getUpdater().getStateViewArray().amaxNumber().doubleValue() > 0, "Adam state");

        List<String> lines = Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8);
        String[] ids = lines.get(0).trim().split(" ");
        String[] probabilities = lines.get(1).trim().split(" ");
        int seqLen = loaded.config().seqLen();
        INDArray tokens = Nd4j.create(DataType.FLOAT, ids.length / seqLen, seqLen);        // [mb, T]
        for (int i = 0; i < ids.length; i++) {
            tokens.putScalar(i / seqLen, i % seqLen, Integer.parseInt(ids[i]));
        }
        float[] actual = loaded.graph().outputSingle(tokens).castTo(DataType.FLOAT).dup('c').data().asFloat();
        assertEquals(probabilities.length, actual.length);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(Float.parseFloat(probabilities[i]), actual[i], 0f, "probability " + i);
        }
        // The generation path reads it too.
        TransformerWeights.from(loaded.graph(), loaded.config());
    }

    @Test
    void aModelInTheOldPerBlockLayoutIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        TransformerConfig c = TestModels.tiny(1, PositionEncoding.LEARNED);
        ModelFiles.save(TransformerGraph.build(c, 3L), c, dir);
        // Rename the decoder's layer class in the saved configuration, as a model of the old layout names its blocks.
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + dir.resolve(ModelFiles.MODEL_FILE).toUri()),
                Map.of())) {
            Path json = zip.getPath("configuration.json");
            String text = Files.readString(json, StandardCharsets.UTF_8);
            assertTrue(text.contains(DecoderLayer.class.getName()), "the saved configuration names its layer classes");
            Files.writeString(json, text.replace(DecoderLayer.class.getName(), ModelFiles.OLD_BLOCK_LAYER));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains("per-block layer layout") && e.getMessage().contains("retrain"),
                e.getMessage());
    }
}
