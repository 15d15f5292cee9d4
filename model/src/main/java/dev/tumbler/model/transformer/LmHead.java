package dev.tumbler.model.transformer;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The language-model head: the output projection and the sparse softmax cross-entropy, with per-token loss weights.
 *
 * <p>Labels: next-token ids {@code [mb, 1, T]}. Optional label mask {@code [mb, T]}: per-token loss weights, any
 * finite value, applied exactly as {@code w·CE}. Weights may be negative (a policy-gradient update with negative
 * advantages): the gradient of weight {@code -w} is exactly minus that of {@code w}. The loss is
 * {@code Σ_t w_t·CE_t}; the layer's score is that sum divided by the minibatch size, the signed weighted
 * cross-entropy whose gradient the step follows (negative when negative weights dominate; with weights 0/1 the
 * summed cross-entropy of the kept tokens). Activations: softmax probabilities {@code [mb, V, T]}.
 */
public final class LmHead implements Head {
    /** The output projection {@code [d, V]} and its bias {@code [1, V]} (only with {@code model.bias}). */
    public static final String HEAD_W = "headW";
    public static final String HEAD_B = "headB";

    private final int dModel;
    private final int seqLen;
    private final int vocabSize;
    private final boolean bias;

    LmHead(int dModel, int seqLen, int vocabSize, boolean bias) {
        this.dModel = dModel;
        this.seqLen = seqLen;
        this.vocabSize = vocabSize;
        this.bias = bias;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(HEAD_W, dModel, vocabSize);
        if (bias) {
            params.addBiasParam(HEAD_B, 1, vocabSize);
        }
    }

    /** normal(0, 0.02) from {@code seed + 99}, bias 0. */
    @Override
    public void initializeParameters(Map<String, INDArray> params, long seed) {
        ParamInit.normal(params.get(HEAD_W), ParamInit.STD, ParamInit.random(seed + 99));
        if (bias) {
            params.get(HEAD_B).assign(0.0);
        }
    }

    @Override
    public InputType outputType() {
        return InputType.recurrent(vocabSize, seqLen);
    }

    @Override
    public INDArray labelFeed(INDArray labels, long minibatch) {
        return Head.flat(labels, minibatch * seqLen, "labels", "one value per position, minibatch x seq_len");
    }

    @Override
    public INDArray lossMaskFeed(INDArray mask, long minibatch) {
        return mask == null ? null
                : Head.flat(mask, minibatch * seqLen, "label mask", "one value per position, minibatch x seq_len");
    }

    @Override
    public INDArray activationMaskFeed(INDArray mask, long minibatch) {
        return null;
    }

    @Override
    public void define(SameDiff sd, SDVariable hidden, SDVariable labels, SDVariable mask,
                       Map<String, SDVariable> p) {
        DataType type = hidden.dataType();
        SDVariable logits = SdOps.linear(sd, hidden, p.get(HEAD_W), p.get(HEAD_B));       // [mb*T, V]
        sd.nn.softmax(logits, 1).reshape(-1, seqLen, vocabSize)
                .permute(0, 2, 1).rename(DecoderLayer.ACTIVATIONS);                         // [mb, V, T]

        // Sparse softmax cross-entropy, composed so that backprop is one multiply. ND4J's fused op takes 16-22 ns
        // per logit forward and again for its gradient (which also ignores the gradient it is given). Here the
        // forward computes the loss from a shifted log-sum-exp and, from the same exponentials, the loss's
        // gradient with respect to the logits, w·(softmax - onehot); backprop minimises sum(G ⊙ logits) with G that
        // gradient held fixed (SdOps.withoutGradient), whose gradient is G itself. A weight enters G as a factor,
        // so its sign flips the gradient exactly.
        SDVariable oneHot = sd.oneHot(labels.castTo(DataType.INT), vocabSize, 1, 1.0, 0.0, type); // [mb*T, V]
        SDVariable max = logits.max(true, 1);                                              // [mb*T, 1]
        SDVariable exp = sd.math.exp(logits.sub(max));                                    // [mb*T, V]
        SDVariable sumExp = exp.sum(true, 1);                                             // [mb*T, 1]
        SDVariable target = logits.mul(oneHot).sum(true, 1);                              // [mb*T, 1]
        SDVariable ce = sd.math.log(sumExp).add(max).sub(target).reshape(-1);             // [mb*T]
        SDVariable dLogits = exp.div(sumExp).sub(oneHot);                                 // [mb*T, V]
        if (mask != null) {
            dLogits = dLogits.mul(mask.reshape(-1, 1));
        }
        SDVariable objective = SdOps.withoutGradient(sd, dLogits).mul(logits).sum().rename(DecoderLayer.OBJECTIVE);
        sd.setLossVariables(objective);
        SDVariable loss = mask == null ? ce.sum() : ce.mul(mask).sum();
        loss.rename(DecoderLayer.LOSS);
    }
}
