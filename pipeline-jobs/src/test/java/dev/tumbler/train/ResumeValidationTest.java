package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A run resumed from a checkpoint survives validation and trains exactly like one that never stopped. Spark 3.5 closes
 * a broadcast value that is {@code AutoCloseable} when it removes the broadcast (its ContextCleaner does so once the
 * broadcast is garbage), and DL4J's {@code calculateScoreMultiDataSet} broadcast {@code network.params()} itself. For
 * a network restored by {@code ModelSerializer} that is the live parameter array (for a fresh one, a reshaped view
 * that cannot be closed), so the round after validation failed with "You can't use DataBuffer once it was released"
 * or "Op.Z argument was closed before call". The tests remove the validation's broadcasts themselves, exactly as the
 * cleaner would after a garbage collection, instead of waiting for one.
 */
@Tag("slow")
class ResumeValidationTest {
    @TempDir
    java.nio.file.Path tmp;

    private static Adam adam() {
        return new Adam(new LrSchedule(0.05, 0.005, 2, 40));
    }

    @Test
    void validatingARestoredNetworkLeavesItsParametersOpen() {
        RoundData data = RoundData.of(StandIn.data(12, 3));
        Configuration conf = new Configuration();
        Path dir = new Path(tmp.toUri());
        new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(1), TrainState.start(7),
                new CheckpointPlan(dir, conf, "{}")).train(data, 1, null);
        Checkpoint.Loaded loaded = Checkpoint.load(Checkpoint.latest(dir, conf).orElseThrow(), conf);
        SparkTrainer resumed = new SparkTrainer(TrainSpark.get(), loaded.graph(), StandIn.settings(0),
                loaded.state(), null);

        validateAndClean(resumed);

        assertFalse(resumed.graph().params().wasClosed(), "the driver's parameters were closed by Spark");
        assertFalse(resumed.graph().getUpdater().getStateViewArray().wasClosed(), "and its updater state");
        resumed.train(data, 1, null);
        assertEquals(2, resumed.state().round());
    }

    @Test
    void aResumedRunThatValidatesTrainsExactlyLikeAnUninterruptedOne() {
        RoundData data = RoundData.of(StandIn.data(12, 3));
        Configuration conf = new Configuration();
        Path dir = new Path(tmp.toUri());
        ReplicaPool.clear();
        SparkTrainer straight = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(0),
                TrainState.start(7), null);
        List<Double> straightLosses = new ArrayList<>();
        List<Double> straightVal = new ArrayList<>();
        trainValidatingEvery(straight, data, 6, 2, straightLosses, straightVal);

        ReplicaPool.clear();
        SparkTrainer part = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(2),
                TrainState.start(7), new CheckpointPlan(dir, conf, "{}"));
        List<Double> losses = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        trainValidatingEvery(part, data, 2, 2, losses, val);
        Checkpoint.Loaded loaded = Checkpoint.load(Checkpoint.latest(dir, conf).orElseThrow(), conf);
        ReplicaPool.clear();                          // a resumed run is a new JVM: its executors hold no replicas
        SparkTrainer resumed = new SparkTrainer(TrainSpark.get(), loaded.graph(), StandIn.settings(0),
                loaded.state(), null);
        trainValidatingEvery(resumed, data, 4, 2, losses, val);

        assertEquals(straightLosses, losses);
        assertEquals(straightVal, val);
        assertEquals(straight.state(), resumed.state());
        assertEquals(straight.graph().params(), resumed.graph().params());
        assertEquals(straight.graph().getUpdater().getStateViewArray(),
                resumed.graph().getUpdater().getStateViewArray());
    }

    /** Trains {@code rounds} rounds one at a time and validates after every {@code every}-th round of the run. */
    private static void trainValidatingEvery(SparkTrainer trainer, RoundData data, int rounds, int every,
                                             List<Double> losses, List<Double> val) {
        for (int r = 0; r < rounds; r++) {
            trainer.train(data, 1, p -> losses.add(p.loss()));
            if (trainer.state().round() % every == 0) {
                val.add(validateAndClean(trainer));
            }
        }
    }

    /**
     * Validates, then removes every broadcast the validation created from the block manager, as Spark's ContextCleaner
     * does for a broadcast that has become garbage.
     */
    private static double validateAndClean(SparkTrainer trainer) {
        JavaSparkContext sc = TrainSpark.get();
        Broadcast<Integer> before = sc.broadcast(0);
        double loss = ValidationEval.evaluate(trainer.sparkGraph(), StandIn.data(4, 2), StandIn.SEQ,
                StandIn.MINIBATCH, 2.0).natsPerToken();
        Broadcast<Integer> after = sc.broadcast(0);
        for (long id = before.id() + 1; id < after.id(); id++) {
            SparkEnv.get().blockManager().removeBroadcast(id, false);
        }
        before.destroy();
        after.destroy();
        return loss;
    }
}
