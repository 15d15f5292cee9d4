package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** A saved checkpoint loads back with the same config, outputs and updater state. */
class ModelFilesTest {

    @Test
    void saveThenLoadGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        TransformerConfig c = TestModels.tiny(2, PositionEncoding.ROTARY);
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
}
