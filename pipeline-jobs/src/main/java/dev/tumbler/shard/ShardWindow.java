package dev.tumbler.shard;

import java.io.Serializable;

/**
 * One packed window of {@code seqLen + 1} tokens as produced by {@link WindowPacker}, or (with no
 * tokens) the summary of a partition's tail: the tokens that did not fill a last window and the
 * documents cut there. A Java bean so Spark can encode it.
 */
public class ShardWindow implements Serializable {
    private static final long serialVersionUID = 1L;
    private String split;
    private long shuffleKey;    // seeded hash of (partition, window index): the window order on disk
    private byte[] tokens;      // seqLen + 1 int32 little-endian; null for a tail summary
    private int docsCut;        // documents that start in this window and continue past it (or into the tail)
    private long droppedTokens; // tail summary only: tokens that did not fill a window

    public ShardWindow() {
    }

    public ShardWindow(String split, long shuffleKey, byte[] tokens, int docsCut, long droppedTokens) {
        this.split = split;
        this.shuffleKey = shuffleKey;
        this.tokens = tokens;
        this.docsCut = docsCut;
        this.droppedTokens = droppedTokens;
    }

    public String getSplit() { return split; }
    public void setSplit(String split) { this.split = split; }
    public long getShuffleKey() { return shuffleKey; }
    public void setShuffleKey(long shuffleKey) { this.shuffleKey = shuffleKey; }
    public byte[] getTokens() { return tokens; }
    public void setTokens(byte[] tokens) { this.tokens = tokens; }
    public int getDocsCut() { return docsCut; }
    public void setDocsCut(int docsCut) { this.docsCut = docsCut; }
    public long getDroppedTokens() { return droppedTokens; }
    public void setDroppedTokens(long droppedTokens) { this.droppedTokens = droppedTokens; }
}
