package dev.tumbler.model.transformer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.DL4JSameDiffMemoryMgr;
import org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link DecoderLayer}: one SameDiff forward and backward pass per training step.
 *
 * <p>DL4J's stock SameDiff output layer computes the gradients in backprop and then, when the graph asks for the
 * score, runs the forward pass again. Here backprop asks SameDiff for the loss together with the gradients and
 * keeps it; the score that follows for the same input, labels and mask reads it. Any other score (evaluation,
 * {@code ComputationGraph.score(batch)}) runs the forward pass. The head decides what feeds the graph's labels and
 * mask placeholders ({@link Head#labelFeed}, {@link Head#lossMaskFeed}, {@link Head#activationMaskFeed}); with a mask
 * to feed the graph is the masked variant of {@link DecoderLayer#define} (built once, on first use), without one the
 * unweighted variant.
 */
class DecoderLayerImpl extends SameDiffOutputLayer {
    private static final String INPUT = INPUT_KEY;
    private Head head; // the layer config's head, made on first use
    private SameDiff unweighted;
    private SameDiff weighted;
    // The loss of the last backprop and the arrays it was computed from (compared by identity).
    private double lastLoss = Double.NaN;
    private INDArray lastInput;
    private INDArray lastLabels;
    private INDArray lastMask;

    DecoderLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private DecoderLayer decoder() {
        return (DecoderLayer) layerConf();
    }

    private Head head() {
        if (head == null) {
            head = decoder().head();
        }
        return head;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        forgetLoss();
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(INPUT, input);
        INDArray mask = head().activationMaskFeed(maskArray, input.size(0));
        if (mask != null) {
            feed.put(DecoderLayer.MASK, mask.castTo(dataType));
        }
        INDArray out = forward(graph(mask != null), feed, DecoderLayer.ACTIVATIONS, workspaceMgr);
        return intoWorkspace(out, ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Preconditions.checkState(labels != null, "DecoderLayer backprop: labels are not set");
        Map<String, INDArray> feed = feed();
        SameDiff sd = graph(feed.containsKey(DecoderLayer.MASK));
        if (!sd.hasGradientFunction()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                QuietSameDiff.createGradFunction(sd, INPUT); // the input's gradient too (a placeholder has none by default)
            }
        }
        useWorkspaces(sd.getFunction("grad"), ArrayType.BP_WORKING_MEM, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        List<String> wanted = new ArrayList<>(paramTable.keySet());
        wanted.add(INPUT);
        OutAndGrad result = sd.calculateGradientsAndOutputs(feed, List.of(DecoderLayer.LOSS), wanted);
        Gradient gradient = new DefaultGradient();
        Map<String, INDArray> grads = result.getGradients();
        for (String name : paramTable.keySet()) {
            INDArray target = gradTable.get(name);
            target.assign(grads.get(name));
            gradient.gradientForVariable().put(name, target);
        }
        lastLoss = result.getOutputs().get(DecoderLayer.LOSS).getDouble(0);
        lastInput = input;
        lastLabels = labels;
        lastMask = maskArray;
        INDArray inputGradient = intoWorkspace(grads.get(INPUT), ArrayType.ACTIVATION_GRAD, workspaceMgr);
        sd.clearPlaceholders(true);
        sd.clearOpInputs();
        return new Pair<>(gradient, inputGradient);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        double loss;
        if (training && input == lastInput && labels == lastLabels && maskArray == lastMask) {
            loss = lastLoss;
        } else {
            Preconditions.checkState(labels != null, "DecoderLayer score: labels are not set");
            Map<String, INDArray> feed = feed();
            loss = forward(graph(feed.containsKey(DecoderLayer.MASK)), feed, DecoderLayer.LOSS, workspaceMgr)
                    .getDouble(0);
        }
        forgetLoss();
        return (loss + fullNetRegTerm) / input.size(0);
    }

    @Override
    public void clear() {
        super.clear();
        forgetLoss();
    }

    private void forgetLoss() {
        lastLoss = Double.NaN;
        lastInput = null;
        lastLabels = null;
        lastMask = null;
    }

    /** Placeholders: input as given, labels and (when the head has one to feed) the mask as the head flattens them. */
    private Map<String, INDArray> feed() {
        long minibatch = input.size(0);
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(INPUT, input);
        feed.put(DecoderLayer.LABELS, head().labelFeed(labels, minibatch));
        INDArray mask = head().lossMaskFeed(maskArray, minibatch);
        if (mask != null) {
            feed.put(DecoderLayer.MASK, mask.castTo(dataType));
        }
        return feed;
    }

    /** The SameDiff graph of the masked or unweighted variant, built on first use over the layer's parameters. */
    private SameDiff graph(boolean masked) {
        SameDiff sd = masked ? weighted : unweighted;
        if (sd != null) {
            return sd;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            sd = SameDiff.create();
            // Single-thread holders allow views (the parameters are views of the network's flat parameter array).
            sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
            DecoderLayer conf = decoder();
            SDVariable in = sd.placeHolder(INPUT, dataType, -1, conf.inputChannels(), conf.seqLen());
            SDVariable labelIds = sd.placeHolder(DecoderLayer.LABELS, dataType, -1);
            SDVariable mask = masked ? sd.placeHolder(DecoderLayer.MASK, dataType, -1) : null;
            Map<String, SDVariable> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : conf.getLayerParams().getParamShapes().entrySet()) {
                params.put(e.getKey(), sd.var(e.getKey(), dataType, e.getValue()));
            }
            conf.define(sd, in, labelIds, mask, params);
            for (Map.Entry<String, INDArray> e : paramTable.entrySet()) {
                sd.associateArrayWithVariable(e.getValue(), sd.getVariable(e.getKey()));
            }
        }
        if (masked) {
            weighted = sd;
        } else {
            unweighted = sd;
        }
        return sd;
    }

    /** {@code name} from a forward pass of {@code sd} (no gradients), in DL4J's forward-pass workspaces. */
    private static INDArray forward(SameDiff sd, Map<String, INDArray> feed, String name,
                                    LayerWorkspaceMgr workspaceMgr) {
        useWorkspaces(sd, ArrayType.FF_WORKING_MEM, ArrayType.ACTIVATIONS, workspaceMgr);
        INDArray out = sd.outputSingle(feed, name);
        sd.clearPlaceholders(true);
        sd.clearOpInputs();
        return out;
    }

    /** Points this thread's session of {@code fn} at DL4J's workspaces for working memory and outputs. */
    private static void useWorkspaces(SameDiff fn, ArrayType working, ArrayType output,
                                      LayerWorkspaceMgr workspaceMgr) {
        InferenceSession session = fn.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                id -> SameDiff.getInferenceFactory().create(fn));
        session.setMmgr(new DL4JSameDiffMemoryMgr(workspaceMgr.getWorkspaceName(working),
                workspaceMgr.getWorkspaceName(output), workspaceMgr.getConfiguration(working),
                workspaceMgr.getConfiguration(output)));
    }

    /** {@code out} in the workspace DL4J expects for {@code type} (or detached when that type is scoped out). */
    private static INDArray intoWorkspace(INDArray out, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        if (workspaceMgr.isScopedOut(type)) {
            return out.isAttached() ? out.detach() : out;
        }
        String name = workspaceMgr.getWorkspaceName(type);
        if (out.isAttached() && out.data().getParentWorkspace().getId().equals(name)) {
            return out;
        }
        return workspaceMgr.dup(type, out);
    }
}
