package dev.tumbler.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.model.data.PackedRows;
import dev.tumbler.model.data.WeightedIds;
import dev.tumbler.model.generate.KvCacheModel;
import dev.tumbler.model.generate.TransformerWeights;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A model fine-tuned on packed rows is saved, loaded and used unpacked and through the KV cache. */
class PackedRoundTripTest {

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void aPackedTrainedModelLoadsIntoTheUnpackedGraphAndTheKvCache(PositionEncoding positions, @TempDir Path dir)
            throws Exception {
        TransformerConfig c = TestModels.tiny(2, positions);
        ComputationGraph base = TransformerGraph.build(c, 21L);
        ComputationGraph packed = TransformerGraph.buildPackedWithParamsOf(base, c, new Adam(1e-2), 0.0, 1.0);
        MultiDataSet rows = PackedRows.toMultiDataSet(PackedRows.pack(
                PackedGraphTest.conversations(c, new int[] {4, 5, 3, 6, 2, 7}, 22L), c.seqLen()), c.seqLen());
        for (int step = 0; step < 5; step++) {
            packed.fit(rows);
        }
        assertFalse(packed.params().equals(base.params()), "training moved the parameters");
        ModelFiles.save(packed, c, dir);
        ModelFiles.Loaded loaded = ModelFiles.load(dir);
        assertTrue(TransformerGraph.isPacked(loaded.graph()));
        assertEquals(packed.params(), loaded.graph().params());

        WeightedIds one = PackedGraphTest.conversations(c, new int[] {c.seqLen()}, 23L).get(0);
        INDArray packedOut = PackedGraphTest.output(loaded.graph(), List.of(List.of(one)), c);       // [1, V, T]
        ComputationGraph unpacked = TransformerGraph.buildWithParamsOf(loaded.graph(), c, new NoOp(), 0.0, 0.0);
        INDArray ids = PackedRows.toMultiDataSet(List.of(List.of(one)), c.seqLen()).getFeatures(0);
        INDArray unpackedOut = unpacked.outputSingle(ids);
        assertEquals(0.0, PackedGraphTest.maxDiff(packedOut, unpackedOut, 0, c.seqLen()), 1e-6);

        KvCacheModel kv = new KvCacheModel(TransformerWeights.from(loaded.graph(), c), 1);
        INDArray logProbs = Transforms.log(unpackedOut.castTo(DataType.DOUBLE).slice(0).transpose()); // [T, V]
        for (int t = 0; t < c.seqLen(); t++) {
            float[] logits = kv.append(new int[] {0}, new int[] {one.ids()[t]})[0];
            double[] expected = logProbs.getRow(t).toDoubleVector();
            double[] got = logSoftmax(logits);
            double diff = 0;
            for (int v = 0; v < got.length; v++) {
                diff = Math.max(diff, Math.abs(expected[v] - got[v]));
            }
            assertEquals(0.0, diff, 1e-4, "position " + t);
        }
    }

    private static double[] logSoftmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - max - Math.log(sum);
        }
        return out;
    }
}
