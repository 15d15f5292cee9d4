package dev.tumbler.shard;

import dev.tumbler.model.data.PackedTokens;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Packs BOS-delimited documents into windows of {@code seqLen + 1} tokens by concatenating them in
 * (shuffled) order and cutting the stream every {@code seqLen + 1} tokens.
 *
 * <p>Why concatenate-and-chunk rather than best-fit packing: for pretraining every position of
 * every window is a real token, so no compute goes into padding and no loss mask is needed; a
 * document cut at a window edge is still delimited by its {@code <|bos|>}, and the model learns
 * not to attend across it. Best-fit packing cuts fewer documents but leaves each window's unused
 * tail as padding (a few percent of tokens on web text, far more with long documents) and needs
 * masks; that trade is worth it for SFT, where conversations must stay whole, not here. The
 * documents cut and the tokens dropped at the end of a partition are counted.
 */
public final class WindowPacker implements Iterator<ShardWindow> {
    private final Iterator<DocTokens> docs;
    private final String split;
    private final int window;           // seqLen + 1
    private final long keySeed;         // seed mixed with the partition index
    private final int[] buffer;         // the window being filled
    private int fill;
    private int docsCutHere;            // documents cut at the end of the current window
    private int startedHere;            // documents that started in the current window and are not counted as cut
    private long windowIndex;
    private final ArrayDeque<ShardWindow> ready = new ArrayDeque<>();
    private boolean tailEmitted;

    public WindowPacker(Iterator<DocTokens> docs, String split, int seqLen, long seed, int partition) {
        this.docs = docs;
        this.split = split;
        this.window = seqLen + 1;
        this.keySeed = ShardKeys.mix(seed ^ ((long) partition << 32));
        this.buffer = new int[window];
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            if (docs.hasNext()) {
                add(docs.next().getTokens());
            } else if (!tailEmitted) {
                tailEmitted = true;
                if (fill > 0) {
                    // The unfilled tail is dropped; the documents that started in it are cut too.
                    ready.add(new ShardWindow(split, 0, null, startedHere, fill));
                }
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public ShardWindow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void add(int[] tokens) {
        int offset = 0;
        boolean cut = false;
        startedHere++;
        while (offset < tokens.length) {
            int n = Math.min(tokens.length - offset, window - fill);
            System.arraycopy(tokens, offset, buffer, fill, n);
            fill += n;
            offset += n;
            if (fill == window) {
                if (offset < tokens.length && !cut) {
                    docsCutHere++;
                    startedHere--;
                    cut = true;
                }
                emit();
            }
        }
    }

    private void emit() {
        long key = ShardKeys.mix(keySeed + windowIndex++);
        ready.add(new ShardWindow(split, key, PackedTokens.encode(buffer), docsCutHere, 0));
        docsCutHere = 0;
        startedHere = 0;
        fill = 0;
    }
}
