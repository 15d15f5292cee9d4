package dev.tumbler.bench;

import dev.tumbler.config.ConfigResolver;
import dev.tumbler.model.generate.GenerationRequest;
import dev.tumbler.model.generate.KvCacheModel;
import dev.tumbler.model.generate.Sampler;
import dev.tumbler.model.generate.SamplingParams;
import dev.tumbler.model.generate.TransformerWeights;
import dev.tumbler.model.transformer.TransformerConfig;
import dev.tumbler.model.transformer.TransformerGraph;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code tumbler bench generate}: greedy decoding of one sequence to {@code tokens} tokens with the KV cache, against
 * recomputing the DL4J full forward pass (the graph's fixed {@code seq_len} window, zero-padded) for every new token,
 * in the same run on the same random-init model. Then a prompt of those tokens prefilled in one call against one
 * call per token, and the batched throughput of K samples through the engine.
 */
public final class GenerateBench {
    private final Path preset;
    private final int vocab;
    private final int tokens;
    private final int samples;
    private final long seed;
    private final PrintStream out;

    public GenerateBench(Path preset, int vocab, int tokens, int samples, long seed, PrintStream out) {
        this.preset = preset;
        this.vocab = vocab;
        this.tokens = tokens;
        this.samples = samples;
        this.seed = seed;
        this.out = out;
    }

    public int run() {
        TransformerConfig p = ConfigResolver.resolve("model", dev.tumbler.jobs.PretrainJob.DEFAULT,
                TransformerConfig.class, preset, List.of());
        TransformerConfig c = p.with(vocab, p.seqLen(), 0.0);
        if (tokens > c.seqLen()) {
            throw new IllegalArgumentException("--tokens must be <= the preset's seq_len " + c.seqLen() + ", got " + tokens);
        }
        ComputationGraph graph = TransformerGraph.build(c, seed);
        TransformerWeights weights = TransformerWeights.from(graph, c);
        int first = new Random(seed).nextInt(vocab);
        out.printf("bench generate: %s (d_model %d, layers %d, seq_len %d, vocab %d, %s), %d threads%n",
                preset.getFileName(), c.dModel(), c.nLayers(), c.seqLen(), vocab, c.positions(),
                Runtime.getRuntime().availableProcessors());

        kvGreedy(weights, first);                                   // warm-up (JIT)
        long t0 = System.nanoTime();
        int[] kv = kvGreedy(weights, first);
        double kvSeconds = (System.nanoTime() - t0) / 1e9;

        fullGreedy(graph, c, first, 2);                             // warm-up (workspaces, SameDiff setup)
        t0 = System.nanoTime();
        int[] full = fullGreedy(graph, c, first, tokens);
        double fullSeconds = (System.nanoTime() - t0) / 1e9;

        int same = 0;
        for (int i = 0; i < tokens; i++) {
            same += kv[i] == full[i] ? 1 : 0;
        }
        int steps = tokens - 1;
        out.printf("  %-40s %9.3f s  %8.1f tokens/s%n", "KV cache (plain Java), greedy", kvSeconds, steps / kvSeconds);
        out.printf("  %-40s %9.3f s  %8.1f tokens/s%n", "full DL4J forward pass per new token", fullSeconds,
                steps / fullSeconds);
        out.printf("  speed-up at %d tokens: %.1fx (goal >= 5x); greedy tokens identical at %d of %d positions%n",
                tokens, fullSeconds / kvSeconds, same, tokens);

        prefill(weights, kv);

        int[] prompt = {first};
        GenerationRequest batch = new GenerationRequest(prompt, samples, tokens - 1, new SamplingParams(1.0, 50, 1.0),
                seed, -1);
        var engine = new dev.tumbler.model.generate.Generator(weights, SyntheticTokenizer.withVocab(vocab), null);
        t0 = System.nanoTime();
        long generated = 0;
        for (var completion : engine.generate(batch, dev.tumbler.model.generate.GenerationListener.NONE)) {
            generated += completion.tokens().length;
        }
        double batchSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf("  %-40s %9.3f s  %8.1f tokens/s (%d samples x %d tokens)%n", "engine, K samples in one batch",
                batchSeconds, generated / batchSeconds, samples, tokens - 1);
        return 0;
    }

    /**
     * A prompt of {@code ids} prefilled in one call (each linear layer one sgemm over all tokens) against the same
     * tokens fed one call each (the decoding kernel), best of three each; both must give the same last logits.
     */
    private void prefill(TransformerWeights weights, int[] ids) {
        float[][] last = new float[2][];
        double oneCall = BestTime.seconds(3, () -> last[0] = new KvCacheModel(weights, 1).prefill(0, ids));
        double perToken = BestTime.seconds(3, () -> last[1] = oneCallPerToken(weights, ids));
        double diff = 0;
        for (int v = 0; v < last[0].length; v++) {
            diff = Math.max(diff, Math.abs(last[0][v] - last[1][v]));
        }
        out.printf("  %-40s %9.3f s  %8.1f tokens/s%n", "prefill of " + ids.length + " tokens in one call", oneCall,
                ids.length / oneCall);
        out.printf("  %-40s %9.3f s  %8.1f tokens/s%n", "the same tokens one call each", perToken,
                ids.length / perToken);
        out.printf("  prefill speed-up: %.1fx; last logits differ by at most %.1e%n", perToken / oneCall, diff);
    }

    private static float[] oneCallPerToken(TransformerWeights weights, int[] ids) {
        KvCacheModel model = new KvCacheModel(weights, 1);
        float[] logits = null;
        for (int id : ids) {
            logits = model.append(new int[] {0}, new int[] {id})[0];
        }
        return logits;
    }

    /** {@code tokens} ids: {@code first}, then greedy continuations from the KV cache. */
    private int[] kvGreedy(TransformerWeights weights, int first) {
        KvCacheModel model = new KvCacheModel(weights, 1);
        int[] seq = new int[tokens];
        seq[0] = first;
        float[] logits = model.prefill(0, new int[] {first});
        for (int t = 1; t < tokens; t++) {
            seq[t] = Sampler.argmax(logits);
            if (t + 1 < tokens) {
                logits = model.append(new int[] {0}, new int[] {seq[t]})[0];
            }
        }
        return seq;
    }

    /** {@code length} ids: {@code first}, then greedy continuations, each from a full forward pass of the window. */
    private static int[] fullGreedy(ComputationGraph graph, TransformerConfig c, int first, int length) {
        int[] seq = new int[length];
        seq[0] = first;
        INDArray window = Nd4j.zeros(DataType.FLOAT, 1, c.seqLen());              // [1, T], zero-padded
        window.putScalar(0, 0, first);
        for (int t = 1; t < length; t++) {
            INDArray probs = graph.outputSingle(window);                           // [1, V, T]
            INDArray atLast = probs.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t - 1)); // [V]
            seq[t] = atLast.argMax().getInt(0);
            window.putScalar(0, t, seq[t]);
        }
        return seq;
    }
}
