package dev.tumbler.model.transformer;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What sits on the {@link DecoderTrunk} inside the one {@link DecoderLayer}: its parameters, its activations and
 * its loss, and how DL4J's labels and label mask feed the graph's {@value DecoderLayer#LABELS} and
 * {@value DecoderLayer#MASK} placeholders (both rank 1). {@link HeadKind} selects one.
 */
sealed interface Head permits LmHead, ScalarHead {

    /** The head of {@code kind} on a decoder layer of these dimensions. */
    static Head of(HeadKind kind, int dModel, int seqLen, int vocabSize, boolean bias, double rewardCentering) {
        return switch (kind) {
            case LM -> new LmHead(dModel, seqLen, vocabSize, bias);
            case SCALAR -> new ScalarHead(dModel, seqLen, bias, rewardCentering);
        };
    }

    /** Adds the head's parameters; called after the trunk added its own. */
    void defineParameters(SDLayerParams params);

    /** Initialises the head's parameters in {@code params} (the layer's table) from {@code seed}. */
    void initializeParameters(Map<String, INDArray> params, long seed);

    /** DL4J's type of the activations. */
    InputType outputType();

    /** The labels placeholder's value: DL4J's labels array, checked and flattened for {@code minibatch} rows. */
    INDArray labelFeed(INDArray labels, long minibatch);

    /** The mask placeholder's value for the loss ({@code mask} may be null), or null for the unmasked graph. */
    INDArray lossMaskFeed(INDArray mask, long minibatch);

    /** The mask placeholder's value for the activations alone, or null when they do not read the mask. */
    INDArray activationMaskFeed(INDArray mask, long minibatch);

    /**
     * Defines, on the trunk's final-norm hidden states {@code [mb*T, d]}: the activations (named
     * {@value DecoderLayer#ACTIVATIONS}), the loss whose value divided by the minibatch size is the layer's score
     * (named {@value DecoderLayer#LOSS}) and, as the graph's loss variable, what backprop minimises (its gradient
     * is the loss's gradient). {@code mask} is null in the unmasked graph.
     */
    void define(SameDiff sd, SDVariable hidden, SDVariable labels, SDVariable mask, Map<String, SDVariable> p);

    /** {@code a} as a rank-1 array of {@code length} values; {@code what} names it in the error. */
    static INDArray flat(INDArray a, long length, String what, String expected) {
        if (a.length() != length) {
            throw new IllegalArgumentException("DecoderLayer: " + what + " of shape "
                    + java.util.Arrays.toString(a.shape()) + " do not have " + expected + " (" + length + ")");
        }
        return a.reshape('c', new long[] {length});
    }
}
