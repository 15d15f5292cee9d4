package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

@Tag("slow")
class SparkTrainerTest {
    @TempDir
    java.nio.file.Path tmp;

    private static Adam adam() {
        return new Adam(new LrSchedule(0.05, 0.005, 2, 40));
    }

    @Test
    void lossFallsAndProgressIsReported() {
        RoundData data = CachedRounds.of(StandIn.data(12, 3));
        assertEquals(12, data.size());
        SparkTrainer trainer = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()),
                StandIn.settings(0), TrainState.start(7), null);
        List<RoundProgress> seen = new ArrayList<>();
        TrainState end = trainer.train(data, 6, seen::add);

        assertEquals(6, seen.size());
        assertEquals(new TrainState(6, 12, 24, 6L * 4 * StandIn.MINIBATCH * StandIn.SEQ, 7), end);
        assertEquals(12, trainer.graph().getConfiguration().getIterationCount());
        double first = seen.get(0).loss();
        double last = seen.get(5).loss();
        assertTrue(first > 1.5, "starts near ln 8 = 2.08: " + first);
        assertTrue(last < first - 0.5, "loss fell from " + first + " to " + last);
        seen.forEach(p -> assertTrue(p.tokensPerSecond() > 0 && p.roundSeconds() > 0));
        assertEquals(new LrSchedule(0.05, 0.005, 2, 40).valueAt(11, 0), seen.get(5).learningRate(), 1e-12);
        assertEquals(0, seen.get(5).etaSeconds(), 1e-9);

        ValidationEval.Result val = ValidationEval.evaluate(trainer.sparkGraph(), StandIn.data(4, 2),
                StandIn.SEQ, StandIn.MINIBATCH, 2.0);
        assertTrue(val.natsPerToken() < first, "val " + val.natsPerToken());
        assertEquals(val.natsPerToken() / Math.log(2) / 2.0, val.bitsPerByte(), 1e-12);
    }

    @Test
    void workersSeeTheGlobalIterationCount() {
        // Learning rate 0 during round 1 (iterations 0-1) and 0.05 from iteration 2: if workers restarted their
        // iteration count each round, round 2 would not move the parameters either.
        Sgd sgd = new Sgd(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.0, 2, 0.05)));
        ComputationGraph graph = StandIn.graph(3, sgd);
        INDArray initial = graph.params().dup();
        SparkTrainer trainer = new SparkTrainer(TrainSpark.get(), graph, StandIn.settings(0), TrainState.start(7),
                null);
        RoundData data = CachedRounds.of(StandIn.data(8, 2));
        trainer.train(data, 1, null);
        assertEquals(0, trainer.graph().params().sub(initial).norm2Number().doubleValue(), 1e-9);
        trainer.train(data, 1, null);
        assertNotEquals(0, trainer.graph().params().sub(initial).norm2Number().doubleValue(), 1e-6);
    }

    @Test
    void replicasReusedAcrossRoundsTrainLikeFreshOnes() {
        RoundData data = CachedRounds.of(StandIn.data(12, 3));
        ReplicaPool.clear();
        long reusedBefore = ReplicaPool.reused();
        SparkTrainer reusing = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(0),
                TrainState.start(7), null);
        reusing.train(data, 3, null);
        assertTrue(ReplicaPool.reused() - reusedBefore >= 2, "rounds 2 and 3 reused the replicas of round 1");
        assertTrue(ReplicaPool.idle() > 0, "the workers handed their replicas back");
        assertEquals(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads(),
                "workers run ND4J on spark.task.cpus (1) native threads");
        assertEquals(1, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads(), "and OpenBLAS on as many");

        SparkTrainer fresh = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(0),
                TrainState.start(7), null);
        for (int round = 0; round < 3; round++) {
            ReplicaPool.clear();                      // every round builds new replicas, as DL4J's own worker does
            fresh.train(data, 1, null);
        }
        INDArray a = reusing.graph().params();
        INDArray b = fresh.graph().params();
        double relative = a.sub(b).norm2Number().doubleValue() / a.norm2Number().doubleValue();
        assertTrue(relative < 1e-4, "relative parameter difference " + relative);
        INDArray ua = reusing.graph().getUpdater().getStateViewArray();
        INDArray ub = fresh.graph().getUpdater().getStateViewArray();
        assertTrue(ua.sub(ub).norm2Number().doubleValue() <= 1e-4 * ua.norm2Number().doubleValue(), "updater state");
    }

    @Test
    void resumeFromCheckpointMatchesUninterruptedRun() {
        RoundData data = CachedRounds.of(StandIn.data(12, 3));
        Configuration conf = new Configuration();
        SparkTrainer straight = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(0),
                TrainState.start(7), null);
        straight.train(data, 4, null);

        Path dir = new Path(tmp.toUri().resolve("resume"));
        SparkTrainer part = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(2),
                TrainState.start(7), new CheckpointPlan(dir, conf, "{}"));
        part.train(data, 2, null);
        Checkpoint.Loaded loaded = Checkpoint.load(Checkpoint.latest(dir, conf).orElseThrow(), conf);
        SparkTrainer resumed = new SparkTrainer(TrainSpark.get(), loaded.graph(), StandIn.settings(0),
                loaded.state(), null);
        resumed.train(data, 2, null);

        INDArray a = straight.graph().params();
        INDArray b = resumed.graph().params();
        double relative = a.sub(b).norm2Number().doubleValue() / a.norm2Number().doubleValue();
        assertTrue(relative < 1e-4, "relative parameter difference " + relative);
        assertEquals(straight.state(), resumed.state());
    }

    @Test
    void aCheckpointRestoresTheDriverNetworkAndTheRunState() {
        RoundData data = CachedRounds.of(StandIn.data(12, 3));
        Configuration conf = new Configuration();
        Path dir = new Path(tmp.toUri());
        SparkTrainer part = new SparkTrainer(TrainSpark.get(), StandIn.graph(1, adam()), StandIn.settings(2),
                TrainState.start(7), new CheckpointPlan(dir, conf, "{\"run\":\"t\"}"));
        part.train(data, 2, null);
        Path latest = Checkpoint.latest(dir, conf).orElseThrow();
        assertEquals(part.lastCheckpoint(), latest);
        Checkpoint.Loaded loaded = Checkpoint.load(latest, conf);
        assertEquals(new TrainState(2, 4, 8, 2L * 4 * StandIn.MINIBATCH * StandIn.SEQ, 7), loaded.state());
        assertEquals("{\"run\":\"t\"}", loaded.configJson());
        assertEquals(part.graph().params(), loaded.graph().params());
        assertEquals(part.graph().getUpdater().getStateViewArray(), loaded.graph().getUpdater().getStateViewArray());
        assertEquals(4, loaded.graph().getConfiguration().getIterationCount());
    }

    @Test
    void divergenceStopsWithMessageAndKeepsLastGoodCheckpoint() {
        Sgd sgd = new Sgd(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.05, 2, 1e30)));
        Configuration conf = new Configuration();
        Path dir = new Path(tmp.toUri());
        SparkTrainer trainer = new SparkTrainer(TrainSpark.get(), StandIn.graph(9, sgd), StandIn.settings(1),
                TrainState.start(7), new CheckpointPlan(dir, conf, "{}"));
        RoundData data = CachedRounds.of(StandIn.data(8, 2));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.train(data, 3, null));
        assertEquals(2, e.round());
        assertTrue(e.getMessage().contains("training diverged") && e.getMessage().contains("round-0000000001"),
                e.getMessage());
        Path latest = Checkpoint.latest(dir, conf).orElseThrow();
        assertEquals(e.lastGoodCheckpoint(), latest);
        Checkpoint.Loaded good = Checkpoint.load(latest, conf);
        assertEquals(1, good.state().round());
        assertTrue(Double.isFinite(good.graph().params().sumNumber().doubleValue()));
    }

    @Test
    void roundsAreContiguousWindowsThatWrap() {
        JavaRDD<MultiDataSet> raw = StandIn.data(5, 3);
        List<MultiDataSet> all = raw.collect();
        RoundData data = CachedRounds.of(raw);
        List<List<MultiDataSet>> parts = data.round(3, 2, 2).glom().collect();
        assertEquals(2, parts.size());
        int[][] expected = {{3, 4}, {0, 1}};
        for (int w = 0; w < 2; w++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(all.get(expected[w][k]).getFeatures(0), parts.get(w).get(k).getFeatures(0));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> data.round(0, 3, 2));
    }
}
