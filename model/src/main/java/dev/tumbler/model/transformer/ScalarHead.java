package dev.tumbler.model.transformer;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reward head: a projection {@code [d, 1]} (plus a bias with {@code model.bias}) of the final-norm hidden state
 * at one position per row, giving one reward per row, trained on preference pairs with a Bradley-Terry loss.
 *
 * <p>Label mask {@code [mb, T]}: which position of each row is read; the reward is {@code (Σ_t m_t·h_t)·w + b}, so a
 * one-hot row reads one position (a row padded to T marks its last real token). Each row must sum to 1. Without a
 * label mask every row reads its last position, {@code T - 1}. Activations: the rewards {@code [mb, 1]}; they read the
 * label mask when one is given ({@code ComputationGraph.output(false, inputs, null, labelMasks)}).
 *
 * <p>Loss: rows {@code 2i} (chosen) and {@code 2i + 1} (rejected) form pair {@code i}; labels {@code [mb, 1]} carry
 * each pair's margin on its chosen row and 0 on its rejected row. With {@code n = mb / 2} pairs,
 * {@code L = mean_i softplus(m_i - (r_c - r_r)) + c·mean_i (r_c + r_r)²}: {@code -log σ(r_c - r_r - m)} plus the
 * {@code model.reward_centering} term {@code c} that keeps rewards near zero (their difference alone is trained by
 * the first). The layer's score is {@code L}; its loss is {@code mb·L}, as DL4J's updater divides gradients by the
 * minibatch size.
 */
public final class ScalarHead implements Head {
    /** The reward projection {@code [d, 1]} and its bias {@code [1, 1]} (only with {@code model.bias}). */
    public static final String REWARD_W = "rewardW";
    public static final String REWARD_B = "rewardB";

    private static final double ROW_SUM_TOLERANCE = 1e-3;

    private final int dModel;
    private final int seqLen;
    private final boolean bias;
    private final double rewardCentering;

    ScalarHead(int dModel, int seqLen, boolean bias, double rewardCentering) {
        this.dModel = dModel;
        this.seqLen = seqLen;
        this.bias = bias;
        this.rewardCentering = rewardCentering;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(REWARD_W, dModel, 1);
        if (bias) {
            params.addBiasParam(REWARD_B, 1, 1);
        }
    }

    /** normal(0, 1/√(d+1)) from {@code seed + 98} (rewards of order 1 at the start, as a linear probe), bias 0. */
    @Override
    public void initializeParameters(Map<String, INDArray> params, long seed) {
        ParamInit.normal(params.get(REWARD_W), 1.0 / Math.sqrt(dModel + 1.0), ParamInit.random(seed + 98));
        if (bias) {
            params.get(REWARD_B).assign(0.0);
        }
    }

    @Override
    public InputType outputType() {
        return InputType.feedForward(1);
    }

    /** Margins, one per row; checks that the minibatch is pairs and that the rejected rows carry margin 0. */
    @Override
    public INDArray labelFeed(INDArray labels, long minibatch) {
        if (minibatch % 2 != 0) {
            throw new IllegalArgumentException("ScalarHead: the minibatch has " + minibatch + " rows; the pair loss"
                    + " needs an even number (row 2i chosen, row 2i+1 rejected)");
        }
        INDArray margins = Head.flat(labels, minibatch, "labels (pair margins)", "one value per row");
        for (long row = 1; row < minibatch; row += 2) {
            double m = margins.getDouble(row);
            if (m != 0.0) {
                throw new IllegalArgumentException("ScalarHead: labels[" + row + "] is " + m + "; a pair's margin goes"
                        + " on its chosen (even) row and its rejected (odd) row must carry 0");
            }
        }
        return margins;
    }

    @Override
    public INDArray lossMaskFeed(INDArray mask, long minibatch) {
        return activationMaskFeed(mask, minibatch);
    }

    /** The position weights {@code [mb*T]}: the label mask, checked to sum to 1 per row, or the last position. */
    @Override
    public INDArray activationMaskFeed(INDArray mask, long minibatch) {
        if (mask == null) {
            INDArray last = Nd4j.zeros(DataType.FLOAT, minibatch * seqLen);
            for (long row = 0; row < minibatch; row++) {
                last.putScalar(row * seqLen + seqLen - 1, 1.0);
            }
            return last;
        }
        INDArray flat = Head.flat(mask, minibatch * seqLen, "label mask (reward positions)",
                "one value per position, minibatch x seq_len");
        INDArray sums = flat.reshape('c', minibatch, seqLen).sum(1);
        for (long row = 0; row < minibatch; row++) {
            double sum = sums.getDouble(row);
            if (!(Math.abs(sum - 1.0) <= ROW_SUM_TOLERANCE)) {
                throw new IllegalArgumentException("ScalarHead: row " + row + " of the label mask sums to " + sum
                        + "; it marks the position the reward reads and must sum to 1 (one-hot at that position)");
            }
        }
        return flat;
    }

    @Override
    public void define(SameDiff sd, SDVariable hidden, SDVariable labels, SDVariable mask,
                       Map<String, SDVariable> p) {
        DataType type = hidden.dataType();
        // The read is a batched matmul rather than a broadcast multiply and sum (whose ND4J backward is slow).
        SDVariable read = sd.mmul(mask.castTo(type).reshape(-1, 1, seqLen),               // [mb, 1, T]
                hidden.reshape(-1, seqLen, dModel))                                        // [mb, T, d]
                .reshape(-1, dModel);                                                      // [mb, d]
        SDVariable rewards = SdOps.linear(sd, read, p.get(REWARD_W), p.get(REWARD_B))
                .rename(DecoderLayer.ACTIVATIONS);                                         // [mb, 1]
        // Column sums by constant [2, 1] matmuls: r_c - r_r, r_c + r_r and the chosen row's margin.
        SDVariable pairs = rewards.reshape(-1, 2);                                        // [n, 2]
        SDVariable difference = pairs.mmul(column(sd, 1, -1, type)).reshape(-1);          // [n]
        SDVariable sum = pairs.mmul(column(sd, 1, 1, type)).reshape(-1);                  // [n]
        SDVariable margin = labels.castTo(type).reshape(-1, 2).mmul(column(sd, 1, 0, type)).reshape(-1); // [n]
        SDVariable pairLoss = sd.nn.softplus(margin.sub(difference));                     // [n] -log σ(Δ - m)
        SDVariable loss = pairLoss.sum().add(sum.mul(sum).sum().mul(rewardCentering))
                .mul(2.0).rename(DecoderLayer.LOSS);                                      // mb·L = 2n·L
        sd.setLossVariables(loss);
    }

    private static SDVariable column(SameDiff sd, double top, double bottom, DataType type) {
        return sd.constant(Nd4j.createFromArray(top, bottom).reshape(2, 1).castTo(type));   // [2, 1]
    }
}
