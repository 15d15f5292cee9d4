package dev.tumbler.train;

import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import scala.Tuple2;

/**
 * Supervised fine-tuning on packed conversation rows: the packed graph of {@code model} (second input
 * {@code positions}, block-diagonal attention) starting from a base model's parameters, trained on the loss-weighted
 * next ids. Validation is the held-out loss per supervised token, {@code Σ w·CE / Σ w} over the validation rows
 * ({@code val_loss}).
 *
 * @param base          the base model's graph (packed or not) whose parameters the run starts from
 * @param identity      what a checkpoint must share with the run besides the model config: base, data, tokenizer
 * @param val           the validation minibatches, built anew for each validation
 * @param valWeight     {@code Σ w} over the validation minibatches' label masks
 */
public record SftPhase(TransformerConfig model, ComputationGraph base, Map<String, String> identity, RoundData train,
                       Supplier<JavaRDD<MultiDataSet>> val, int batchPerWorker, double valWeight)
        implements TrainingPhase {
    @Override
    public String name() {
        return "sft";
    }

    @Override
    public int seqLen() {
        return model.seqLen();
    }

    @Override
    public ComputationGraph newGraph(IUpdater updater, double weightDecay, double gradientClip) {
        return TransformerGraph.buildPackedWithParamsOf(base, model, updater, weightDecay, gradientClip);
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
        return List.of("val_loss");
    }

    @Override
    public Map<String, Double> validate(SparkComputationGraph net) {
        return Map.of("val_loss", valLoss(net.getSparkContext(), net.getNetwork()));
    }

    /** The held-out loss per supervised token of {@code graph} (a packed graph), computed on the executors. */
    public double valLoss(JavaSparkContext sc, ComputationGraph graph) {
        Tuple2<Long, Double> sum = ValidationEval.summedScore(sc, graph, val.get(), batchPerWorker);
        return sum._2() / valWeight;
    }

    /** {@code Σ w} over the label masks of {@code val}, computed on the executors. */
    public static double weightSum(JavaRDD<MultiDataSet> val) {
        return val.map(ds -> ds.getLabelsMaskArray(0).sumNumber().doubleValue()).fold(0.0, Double::sum);
    }
}
