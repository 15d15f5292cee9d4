package dev.tumbler.ingest.doc;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One document as it flows through ingest: a mutable Java bean so Spark can encode it with
 * {@code Encoders.bean}. Each step fills in its fields; a step that drops the document sets
 * {@link #step} and {@link #reason}. The output columns of a corpus snapshot are a subset of these.
 */
public class Document implements Serializable {
    private static final long serialVersionUID = 1L;

    private String docId;          // hex hash of url + text, stable across runs
    private String url;
    private String source;         // input format: warc, wet, jsonl, text, parquet
    private String inputFile;      // the file the document came from
    private long recordIndex;      // position of the record inside its file
    private String snapshot;       // the corpus snapshot the document belongs to
    private String lang;
    private double langScore;
    private String title;
    private String text;
    private int nChars;
    private int nWords;
    private Map<String, Double> quality = new LinkedHashMap<>();  // quality metrics by name
    private int piiReplacements;
    private String contentHash;    // hex hash of the normalized text (exact dedup key)
    private int[] minhash;         // MinHash signature over word 5-gram shingles
    private String step;           // null while kept; otherwise the step that dropped it
    private String reason;         // why that step dropped it
    private String detail;         // optional human-readable detail of the rejection

    public Document() {
    }

    /** True while no step has dropped the document. */
    public boolean kept() {
        return step == null;
    }

    /** Marks the document dropped by {@code step} for {@code reason}. */
    public void reject(String step, String reason) {
        reject(step, reason, null);
    }

    /** Marks the document dropped, with a human-readable detail. */
    public void reject(String step, String reason, String detail) {
        this.step = step;
        this.reason = reason;
        this.detail = detail;
    }

    public String getDocId() { return docId; }
    public void setDocId(String docId) { this.docId = docId; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getInputFile() { return inputFile; }
    public void setInputFile(String inputFile) { this.inputFile = inputFile; }
    public long getRecordIndex() { return recordIndex; }
    public void setRecordIndex(long recordIndex) { this.recordIndex = recordIndex; }
    public String getSnapshot() { return snapshot; }
    public void setSnapshot(String snapshot) { this.snapshot = snapshot; }
    public String getLang() { return lang; }
    public void setLang(String lang) { this.lang = lang; }
    public double getLangScore() { return langScore; }
    public void setLangScore(double langScore) { this.langScore = langScore; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public int getNChars() { return nChars; }
    public void setNChars(int nChars) { this.nChars = nChars; }
    public int getNWords() { return nWords; }
    public void setNWords(int nWords) { this.nWords = nWords; }
    public Map<String, Double> getQuality() { return quality; }
    public void setQuality(Map<String, Double> quality) { this.quality = quality; }
    public int getPiiReplacements() { return piiReplacements; }
    public void setPiiReplacements(int piiReplacements) { this.piiReplacements = piiReplacements; }
    public String getContentHash() { return contentHash; }
    public void setContentHash(String contentHash) { this.contentHash = contentHash; }
    public int[] getMinhash() { return minhash; }
    public void setMinhash(int[] minhash) { this.minhash = minhash; }
    public String getStep() { return step; }
    public void setStep(String step) { this.step = step; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
}
