package dev.tumbler.artifacts;

import dev.tumbler.store.ArtifactKind;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;
import dev.tumbler.store.Manifest;
import dev.tumbler.store.PublishRequest;
import dev.tumbler.store.StagingArea;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code shards} artifact: one Parquet folder per split of windows of {@code seqLen + 1} tokens,
 * made with the tokenizer it names (by ref and by the sha256 of its {@code tokenizer.json}, so
 * training can refuse shards of another tokenizer), and the bytes per token that turn a loss into
 * bits per byte. The manifest keys are {@code seq_len}, {@code tokenizer}, {@code tokenizer_sha256},
 * {@code bytes_per_token}, one map per split, and the totals over the splits.
 *
 * @param ref             the shards version
 * @param location        its version directory, which holds one folder per split
 * @param seqLen          tokens a model sees per sequence
 * @param tokenizer       the tokenizer the ids come from
 * @param tokenizerSha256 the sha256 of that tokenizer's {@code tokenizer.json}
 * @param bytesPerToken   UTF-8 bytes of text per token (without the {@code <|bos|>} of each document)
 * @param splits          the counts of each split, by split name ({@code train}, {@code val})
 */
public record ShardsArtifact(ArtifactRef ref, String location, int seqLen, ArtifactRef tokenizer,
                             String tokenizerSha256, double bytesPerToken, Map<String, Split> splits) {
    private static final String SEQ_LEN = "seq_len";
    private static final String TOKENIZER = "tokenizer";
    private static final String TOKENIZER_SHA256 = "tokenizer_sha256";
    private static final String BYTES_PER_TOKEN = "bytes_per_token";

    public ShardsArtifact {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));   // in split order
    }

    /**
     * What one split holds.
     *
     * @param documents      documents in the split
     * @param sequences      windows of {@code seqLen + 1} tokens
     * @param tokens         tokens in those windows
     * @param documentTokens tokens of the split's documents, one {@code <|bos|>} each included
     * @param documentsCut   documents that span more than one window
     * @param droppedTokens  tokens that packing left out (the tail of the last window)
     */
    public record Split(long documents, long sequences, long tokens, long documentTokens, long documentsCut,
                        long droppedTokens) {
    }

    /** Claims the next version of {@code shards/NAME}; the sharder writes its splits into it. */
    public static StagingArea stage(ArtifactStore store, String name) {
        return store.stage(ArtifactKind.SHARDS, name);
    }

    /**
     * Publishes staged shards with their typed facts as the manifest's metrics (the per-split maps
     * in the order of {@code splits}, then the totals).
     */
    public static ArtifactRef publish(ArtifactStore store, StagingArea staging, int seqLen, TokenizerArtifact tokenizer,
                                      Map<String, Split> splits, double bytesPerToken, String commandLine,
                                      Map<String, Object> config, List<ArtifactRef> inputs) {
        return store.publish(staging, new PublishRequest(commandLine, config, inputs,
                metrics(seqLen, tokenizer, splits, bytesPerToken)));
    }

    /** The manifest metrics of shards with these facts. */
    public static Map<String, Object> metrics(int seqLen, TokenizerArtifact tokenizer, Map<String, Split> splits,
                                              double bytesPerToken) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TOKENIZER, tokenizer.ref().toString());
        m.put(TOKENIZER_SHA256, tokenizer.sha256());
        m.put(SEQ_LEN, seqLen);
        long docs = 0;
        long cut = 0;
        long dropped = 0;
        for (var e : splits.entrySet()) {
            Split s = e.getValue();
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("documents", s.documents());
            split.put("sequences", s.sequences());
            split.put("tokens", s.tokens());
            split.put("document_tokens", s.documentTokens());
            split.put("documents_cut", s.documentsCut());
            split.put("dropped_tokens", s.droppedTokens());
            m.put(e.getKey(), split);
            docs += s.documents();
            cut += s.documentsCut();
            dropped += s.droppedTokens();
        }
        m.put("documents", docs);
        m.put("documents_cut", cut);
        m.put("dropped_tokens", dropped);
        m.put(BYTES_PER_TOKEN, bytesPerToken);
        return m;
    }

    /** The shards given on the command line as {@code option} (newest version when no vN), checked. */
    public static ShardsArtifact read(ArtifactStore store, String text, String option) {
        return read(store, store.resolve(text, ArtifactKind.SHARDS, option));
    }

    /**
     * The shards {@code ref}, after checking their files against the manifest.
     *
     * @throws dev.tumbler.store.DamagedArtifactException when a file differs from the manifest
     */
    public static ShardsArtifact read(ArtifactStore store, ArtifactRef ref) {
        ArtifactRef resolved = ManifestFacts.resolve(store, ref, ArtifactKind.SHARDS, "shards");
        Manifest manifest = store.verifiedManifest(resolved);
        Map<String, Object> m = manifest.metrics();
        Map<String, Split> splits = new LinkedHashMap<>();
        m.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                Map<String, Object> s = ManifestFacts.map(resolved, m, key, "metrics.");
                String where = "metrics." + key + ".";
                splits.put(key, new Split(ManifestFacts.longValue(resolved, s, "documents", where),
                        ManifestFacts.longValue(resolved, s, "sequences", where),
                        ManifestFacts.longValue(resolved, s, "tokens", where),
                        ManifestFacts.longValue(resolved, s, "document_tokens", where),
                        ManifestFacts.longValue(resolved, s, "documents_cut", where),
                        ManifestFacts.longValue(resolved, s, "dropped_tokens", where)));
            }
        });
        return new ShardsArtifact(resolved, store.versionDir(resolved).toString(),
                Math.toIntExact(ManifestFacts.longValue(resolved, m, SEQ_LEN, "metrics.")),
                ArtifactRef.parse(ManifestFacts.string(resolved, m, TOKENIZER, "metrics.")),
                ManifestFacts.string(resolved, m, TOKENIZER_SHA256, "metrics."),
                ManifestFacts.doubleValue(resolved, m, BYTES_PER_TOKEN, "metrics."), splits);
    }
}
