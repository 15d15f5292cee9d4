package dev.tumbler.ingest.dedup;

import java.io.Serializable;

/** One LSH band of one document's MinHash signature: documents sharing (band, key) are candidates. */
public class BandKey implements Serializable {
    private int band;
    private long key;
    private String docId;

    public BandKey() {
    }

    public BandKey(int band, long key, String docId) {
        this.band = band;
        this.key = key;
        this.docId = docId;
    }

    public int getBand() { return band; }
    public void setBand(int band) { this.band = band; }
    public long getKey() { return key; }
    public void setKey(long key) { this.key = key; }
    public String getDocId() { return docId; }
    public void setDocId(String docId) { this.docId = docId; }
}
