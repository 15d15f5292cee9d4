package dev.tumbler.model.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes HF tokenizers {@code tokenizer.json} files (byte-level BPE). Written files split
 * with a {@code Split} regex of the tokenizer's {@link SplitPattern} and so encode exactly as Tumbler
 * does; on reading, the pattern is recognized from that regex, or GPT-2's from a regex-using
 * {@code ByteLevel} pre-tokenizer.
 */
public final class TokenizerJson {
    private TokenizerJson() {
    }

    public static void save(Tokenizer tokenizer, Path file) throws IOException {
        Files.writeString(file, toJson(tokenizer), StandardCharsets.UTF_8);
    }

    public static Tokenizer load(Path file) throws IOException {
        return load(file, null);
    }

    /** Loads a file; {@code pattern} (may be null) overrides the split pattern found in it. */
    public static Tokenizer load(Path file, SplitPattern pattern) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8), pattern);
    }

    /** The {@code tokenizer.json} text of a tokenizer. */
    public static String toJson(Tokenizer tokenizer) {
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n  \"added_tokens\": [");
        String sep = "\n    ";
        for (Map.Entry<String, Integer> e : tokenizer.specialTokens().entrySet()) {
            sb.append(sep).append("{\"id\": ").append(e.getValue()).append(", \"content\": ").append(Json.quote(e.getKey()))
                    .append(", \"single_word\": false, \"lstrip\": false, \"rstrip\": false,"
                            + " \"normalized\": false, \"special\": true}");
            sep = ",\n    ";
        }
        sb.append("\n  ],\n  \"normalizer\": null,\n  \"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [\n")
                .append("    {\"type\": \"Split\", \"pattern\": {\"Regex\": ").append(Json.quote(tokenizer.pattern().regex()))
                .append("}, \"behavior\": \"Isolated\", \"invert\": false},\n")
                .append("    {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": false}\n")
                .append("  ]},\n  \"post_processor\": null,\n")
                .append("  \"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true,"
                        + " \"use_regex\": true},\n")
                .append("  \"model\": {\n    \"type\": \"BPE\", \"dropout\": null, \"unk_token\": null,"
                        + " \"continuing_subword_prefix\": null, \"end_of_word_suffix\": null, \"fuse_unk\": false,"
                        + " \"byte_fallback\": false, \"ignore_merges\": false,\n    \"vocab\": {");
        sep = "\n      ";
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            if (tokenizer.isOrdinary(id)) {
                sb.append(sep).append(Json.quote(ByteLevel.encode(tokenizer.tokenBytes(id)))).append(": ").append(id);
                sep = ",\n      ";
            }
        }
        sb.append("\n    },\n    \"merges\": [");
        sep = "\n      ";
        Merges merges = tokenizer.merges();
        for (int r = 0; r < merges.size(); r++) {
            String left = ByteLevel.encode(tokenizer.tokenBytes(merges.left(r)));
            String right = ByteLevel.encode(tokenizer.tokenBytes(merges.right(r)));
            sb.append(sep).append(Json.quote(left + " " + right));
            sep = ",\n      ";
        }
        return sb.append("\n    ]\n  }\n}\n").toString();
    }

    /** A tokenizer from {@code tokenizer.json} text; {@code pattern} (may be null) overrides its split. */
    @SuppressWarnings("unchecked")
    public static Tokenizer fromJson(String json, SplitPattern pattern) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        Map<String, Object> model = (Map<String, Object>) root.get("model");
        if (model == null || (model.get("type") != null && !"BPE".equals(model.get("type")))) {
            throw new IllegalArgumentException("not a BPE tokenizer.json");
        }
        SplitPattern split = pattern != null ? pattern : detectPattern(root.get("pre_tokenizer"));
        Map<String, Integer> specials = new LinkedHashMap<>();
        List<Object> added = (List<Object>) root.get("added_tokens");
        for (Object o : added == null ? List.of() : added) {
            Map<String, Object> token = (Map<String, Object>) o;
            specials.put((String) token.get("content"), ((Number) token.get("id")).intValue());
        }
        Map<String, Object> vocab = (Map<String, Object>) model.get("vocab");
        Map<String, Integer> ids = new HashMap<>(2 * vocab.size());
        int maxId = -1;
        for (Map.Entry<String, Object> e : vocab.entrySet()) {
            int id = ((Number) e.getValue()).intValue();
            if (!specials.containsValue(id)) {
                ids.put(e.getKey(), id);
                maxId = Math.max(maxId, id);
            }
        }
        byte[][] tokens = new byte[maxId + 1][];
        int[] byteIds = new int[256];
        Arrays.fill(byteIds, -1);
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            byte[] bytes = ByteLevel.decode(e.getKey());
            tokens[e.getValue()] = bytes;
            if (bytes.length == 1) {
                byteIds[bytes[0] & 0xFF] = e.getValue();
            }
        }
        for (int b = 0; b < 256; b++) {
            if (byteIds[b] < 0) {
                throw new IllegalArgumentException("byte " + b + " has no token in the vocab");
            }
        }
        List<Object> mergeList = (List<Object>) model.get("merges");
        Merges merges = new Merges(byteIds, mergeList.size());
        for (Object o : mergeList) {
            String left;
            String right;
            if (o instanceof String s) {
                int space = s.indexOf(' ');
                left = s.substring(0, Math.max(space, 0));
                right = s.substring(space + 1);
            } else {
                List<Object> pair = (List<Object>) o;
                left = (String) pair.get(0);
                right = (String) pair.get(1);
            }
            Integer l = ids.get(left);
            Integer r = ids.get(right);
            Integer joined = ids.get(left + right);
            if (l == null || r == null || joined == null) {
                throw new IllegalArgumentException("merge '" + left + " " + right + "' uses a token not in the vocab");
            }
            merges.append(l, r, joined);
        }
        return Tokenizer.create(split, tokens, merges, specials);
    }

    @SuppressWarnings("unchecked")
    private static SplitPattern detectPattern(Object preTokenizer) {
        if (preTokenizer instanceof Map<?, ?> map) {
            Object type = map.get("type");
            if ("Sequence".equals(type)) {
                for (Object p : (List<Object>) map.get("pretokenizers")) {
                    SplitPattern found = detectOne((Map<String, Object>) p);
                    if (found != null) {
                        return found;
                    }
                }
            } else {
                SplitPattern found = detectOne((Map<String, Object>) map);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IllegalArgumentException("cannot tell the split pattern of this tokenizer.json:"
                + " pass --pattern (one of GPT2, CL100K, O200K)");
    }

    @SuppressWarnings("unchecked")
    private static SplitPattern detectOne(Map<String, Object> p) {
        if ("Split".equals(p.get("type")) && p.get("pattern") instanceof Map<?, ?> pattern
                && pattern.get("Regex") instanceof String regex) {
            return SplitPattern.forRegex(regex);
        }
        if ("ByteLevel".equals(p.get("type")) && !Boolean.FALSE.equals(p.get("use_regex"))) {
            return SplitPattern.GPT2;
        }
        return null;
    }
}
