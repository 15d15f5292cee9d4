package dev.tumbler.shard;

import java.io.Serializable;

/**
 * One document after tokenization on an executor: its split, its shuffle key, and its token ids
 * with the leading {@code <|bos|>}. A Java bean so Spark can encode it.
 */
public class DocTokens implements Serializable {
    private static final long serialVersionUID = 1L;
    private String docId;
    private String split;       // "train" or "val"
    private long shuffleKey;    // seeded hash of docId: the document order of the shuffle
    private int[] tokens;       // <|bos|> then the document's tokens
    private long utf8Bytes;     // UTF-8 bytes of the text, for bytes per token

    public DocTokens() {
    }

    public DocTokens(String docId, String split, long shuffleKey, int[] tokens, long utf8Bytes) {
        this.docId = docId;
        this.split = split;
        this.shuffleKey = shuffleKey;
        this.tokens = tokens;
        this.utf8Bytes = utf8Bytes;
    }

    public String getDocId() { return docId; }
    public void setDocId(String docId) { this.docId = docId; }
    public String getSplit() { return split; }
    public void setSplit(String split) { this.split = split; }
    public long getShuffleKey() { return shuffleKey; }
    public void setShuffleKey(long shuffleKey) { this.shuffleKey = shuffleKey; }
    public int[] getTokens() { return tokens; }
    public void setTokens(int[] tokens) { this.tokens = tokens; }
    public long getUtf8Bytes() { return utf8Bytes; }
    public void setUtf8Bytes(long utf8Bytes) { this.utf8Bytes = utf8Bytes; }
}
