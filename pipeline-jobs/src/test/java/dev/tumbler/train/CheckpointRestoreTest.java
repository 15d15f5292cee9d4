package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A network saved with its Adam state and a {@link LrSchedule}, then restored, takes exactly the
 * step the original takes. (With identity equality on the schedule, DL4J laid the restored updater
 * state out in other blocks and the first step was NaN.)
 */
class CheckpointRestoreTest {
    @Test
    void aRestoredNetworkTrainsExactlyLikeTheOneThatSavedIt() throws Exception {
        ComputationGraph original = StandIn.graph(1, new Adam(new LrSchedule(0.05, 0.005, 2, 40)));
        MultiDataSet batch = StandIn.data(1, 1).first();
        for (int i = 0; i < 4; i++) {
            original.fit(batch);
        }
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(original, saved, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(saved.toByteArray()), true);
        original.fit(batch);
        restored.fit(batch);
        assertEquals(original.params(), restored.params());
        assertEquals(original.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    }

    @Test
    void schedulesWithTheSameSettingsAreEqual() {
        assertEquals(new LrSchedule(0.1, 0.01, 5, 50), new LrSchedule(0.1, 0.01, 5, 50));
        assertEquals(new LrSchedule(0.1, 0.01, 5, 50).hashCode(), new LrSchedule(0.1, 0.01, 5, 50).hashCode());
    }
}
