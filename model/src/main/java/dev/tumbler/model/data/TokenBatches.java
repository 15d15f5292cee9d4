package dev.tumbler.model.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Groups {@link TokenWindow}s into next-token-prediction minibatches for a DL4J {@code ComputationGraph} whose single
 * input is an {@code EmbeddingSequenceLayer} and whose single output takes sparse NCW next-token labels: the
 * transformer's {@code DecoderLayer}, or an NCW {@code RnnOutputLayer} with {@code LossSparseMCXENT}.
 *
 * <p>For window {@code i} with tokens {@code w}, each emitted {@link MultiDataSet} holds, all as FLOAT, C order:
 * <ul>
 *   <li>features[0] {@code [mb, T]}: {@code w[0..T-1]}, the input ids;</li>
 *   <li>labels[0] {@code [mb, 1, T]}: {@code w[1..T]}, the next id at each position (sparse labels, NCW);</li>
 *   <li>labels mask[0] {@code [mb, T]} when {@link BatchConfig#withMasks()}: the window's loss mask, or ones;
 *       otherwise no label mask. There is never a features mask: windows are packed, not padded.</li>
 * </ul>
 * {@code DecoderLayer} applies mask weights exactly; DL4J's built-in output layers treat only 0/1 weights as pure
 * masking; see {@link TokenWindow}.
 * Ids must lie in {@code [0, 2^24]}, the integers float32 holds exactly. {@code mb} is {@link BatchConfig#minibatch()},
 * except for a final partial minibatch, which is emitted smaller or, with {@link BatchConfig#dropLast()}, dropped and
 * counted in {@link #droppedWindows()}.
 *
 * <p>Windows are read lazily, one minibatch ahead at most. An invalid window throws
 * {@link IllegalArgumentException} from {@link #hasNext()} or {@link #next()}; the minibatch it was in is lost. The
 * arrays are created outside any open ND4J workspace, so they stay valid however long the caller keeps them. Not
 * thread-safe.
 */
public final class TokenBatches implements Iterator<MultiDataSet> {
    private final Iterator<TokenWindow> windows;
    private final BatchConfig config;
    private final int seqLen;
    // Staging buffers, reused for every minibatch: Nd4j.create copies them into off-heap memory.
    private final float[] features; // [minibatch, T] row-major
    private final float[] labels;   // [minibatch, 1, T] row-major
    private final float[] mask;     // [minibatch, T] row-major; null without masks
    private MultiDataSet pending;
    private long windowsRead;
    private long droppedWindows;

    /** Batches {@code windows} as {@code config} says; reads nothing until the first {@link #hasNext()}. */
    public TokenBatches(Iterator<TokenWindow> windows, BatchConfig config) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.config = Objects.requireNonNull(config, "config");
        this.seqLen = config.seqLen();
        int positions = config.minibatch() * seqLen;
        this.features = new float[positions];
        this.labels = new float[positions];
        this.mask = config.withMasks() ? new float[positions] : null;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = nextBatch();
        }
        return pending != null;
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more token batches");
        }
        MultiDataSet batch = pending;
        pending = null;
        return batch;
    }

    /** Windows left out because they formed a final minibatch smaller than the configured size with dropLast. */
    public long droppedWindows() {
        return droppedWindows;
    }

    /** Reads up to one minibatch of windows; null when none are left or the partial rest is dropped. */
    private MultiDataSet nextBatch() {
        int rows = 0;
        while (rows < config.minibatch() && windows.hasNext()) {
            stage(windows.next(), rows++);
        }
        if (rows == 0) {
            return null;
        }
        if (rows < config.minibatch() && config.dropLast()) {
            droppedWindows += rows;
            return null;
        }
        return build(rows);
    }

    /** Copies one window into row {@code row} of the staging buffers. */
    private void stage(TokenWindow window, int row) {
        long index = windowsRead++;
        Objects.requireNonNull(window, () -> "window " + index + " is null");
        int[] tokens = window.tokens();
        if (tokens.length != config.windowTokens()) {
            throw new IllegalArgumentException("window " + index + " has " + tokens.length
                    + " tokens; expected seqLen + 1 = " + config.windowTokens());
        }
        int offset = row * seqLen;
        float current = FloatTokenIds.toFloat(tokens[0], index, 0);
        for (int t = 0; t < seqLen; t++) {
            float following = FloatTokenIds.toFloat(tokens[t + 1], index, t + 1);
            features[offset + t] = current;
            labels[offset + t] = following;
            current = following;
        }
        float[] weights = window.lossMask();
        if (mask == null) {
            if (weights != null) {
                throw new IllegalArgumentException("window " + index
                        + " carries a loss mask but the batch config has withMasks = false; it would be ignored");
            }
        } else if (weights == null) {
            Arrays.fill(mask, offset, offset + seqLen, 1f);
        } else {
            System.arraycopy(weights, 0, mask, offset, seqLen);
        }
    }

    /** The first {@code rows} staged rows as a MultiDataSet. */
    private MultiDataSet build(int rows) {
        int used = rows * seqLen;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray ids = Nd4j.create(prefix(features, used), new long[] {rows, seqLen}, 'c');         // [mb, T]
            INDArray next = Nd4j.create(prefix(labels, used), new long[] {rows, 1, seqLen}, 'c');      // [mb, 1, T]
            INDArray[] labelMasks = mask == null
                    ? null
                    : new INDArray[] {Nd4j.create(prefix(mask, used), new long[] {rows, seqLen}, 'c')}; // [mb, T]
            return new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[] {ids}, new INDArray[] {next}, null, labelMasks);
        }
    }

    /** {@code buffer} itself when it is used in full, else a copy of its first {@code length} values. */
    private static float[] prefix(float[] buffer, int length) {
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }
}
