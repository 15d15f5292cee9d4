package dev.tumbler.train;

import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Next-token prediction on packed windows: the decoder-only transformer of {@code model} trained on a shards
 * artifact. Validation reports the held-out loss in nats per token and the bits per UTF-8 byte it implies.
 *
 * @param identity      what a checkpoint must share with the run besides the model config: tokenizer and shards
 * @param val           the validation minibatches, built anew for each validation
 * @param bytesPerToken the tokenizer's mean UTF-8 bytes per token, for bits per byte
 */
public record PretrainPhase(TransformerConfig model, long seed, Map<String, String> identity, RoundData train,
                            Supplier<JavaRDD<MultiDataSet>> val, int batchPerWorker, double bytesPerToken)
        implements TrainingPhase {
    @Override
    public String name() {
        return "pretrain";
    }

    @Override
    public int seqLen() {
        return model.seqLen();
    }

    @Override
    public ComputationGraph newGraph(IUpdater updater, double weightDecay, double gradientClip) {
        return TransformerGraph.build(model, seed, updater, weightDecay, gradientClip);
    }

    @Override
    public Map<String, String> identity() {
        return RunIdentity.withModel(model, identity);
    }

    @Override
    public RoundData trainData() {
        return train;
    }

    @Override
    public List<String> validationColumns() {
        return List.of("val_loss", "bpb");
    }

    @Override
    public Map<String, Double> validate(SparkComputationGraph net) {
        ValidationEval.Result r = ValidationEval.evaluate(net, val.get(), model.seqLen(), batchPerWorker,
                bytesPerToken);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", r.natsPerToken());
        metrics.put("bpb", r.bitsPerByte());
        return metrics;
    }
}
