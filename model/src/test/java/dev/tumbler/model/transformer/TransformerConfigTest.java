package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformerConfigTest {

    @Test
    void rejectsHeadsThatDoNotDivideWidth() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(100, 8, 30, 1, 4, 4, 0.0, false, PositionEncoding.LEARNED));
        assertTrue(e.getMessage().contains("model.d_model must be divisible by model.n_heads"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveAndOutOfRangeValues() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(0, 8, 16, 1, 2, 4, 0.0, false, PositionEncoding.LEARNED));
        assertTrue(e.getMessage().contains("model.vocab_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 16, 1, 2, 4, 1.0, false, PositionEncoding.LEARNED));
        assertTrue(e.getMessage().contains("model.dropout"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 6, 1, 2, 4, 0.0, false, PositionEncoding.ROTARY));
        assertTrue(e.getMessage().contains("ROTARY"), e.getMessage());
    }

    @Test
    void tiedEmbeddingsAreRejectedExplicitly() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 16, 1, 2, 4, 0.0, true, PositionEncoding.LEARNED));
        assertTrue(e.getMessage().contains("model.tied_embeddings"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"LEARNED, true", "LEARNED, false", "ROTARY, true", "ROTARY, false"})
    void parameterCountMatchesBuiltGraph(PositionEncoding positions, boolean bias) {
        for (HeadKind head : HeadKind.values()) {
            TransformerConfig c = TestModels.tiny(2, positions, bias).withHead(head);
            ComputationGraph graph = TransformerGraph.build(c, 1L);
            assertEquals(graph.numParams(), c.parameterCount(), head.name());
            assertEquals(c.parameterCount() - (long) c.vocabSize() * c.dModel(), c.nonEmbeddingParameterCount());
        }
    }

    @Test
    void theHeadDefaultsToLmAndRewardCenteringMustBeNonNegative() {
        TransformerConfig c = new TransformerConfig(10, 8, 16, 1, 2, 4, 0.0, false, PositionEncoding.LEARNED, false,
                null, 0.0);
        assertEquals(HeadKind.LM, c.head());
        assertEquals(TransformerConfig.DEFAULT_REWARD_CENTERING,
                new TransformerConfig(10, 8, 16, 1, 2, 4, 0.0, false, PositionEncoding.LEARNED).rewardCentering());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 16, 1, 2, 4, 0.0, false, PositionEncoding.LEARNED, false,
                        HeadKind.SCALAR, -0.01));
        assertTrue(e.getMessage().contains("model.reward_centering"), e.getMessage());
    }
}
