package dev.tumbler.bench;

import dev.tumbler.model.tokenizer.SpecialTokens;
import dev.tumbler.model.tokenizer.SplitPattern;
import dev.tumbler.model.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/** A byte-level tokenizer of an exact vocabulary size for benchmarks: its merges join byte pairs in order. */
final class SyntheticTokenizer {
    private SyntheticTokenizer() {
    }

    /** A tokenizer with exactly {@code vocab} ids (256 bytes, byte-pair merges, the special tokens). */
    static Tokenizer withVocab(int vocab) {
        int merges = vocab - 256 - SpecialTokens.ALL.size();
        if (merges < 0 || merges > 256 * 256) {
            throw new IllegalArgumentException("--vocab must be in [" + (256 + SpecialTokens.ALL.size()) + ", "
                    + (256 * 256 + 256 + SpecialTokens.ALL.size()) + "], got " + vocab);
        }
        List<byte[][]> list = new ArrayList<>(merges);
        for (int i = 0; i < merges; i++) {
            list.add(new byte[][] {{(byte) (i / 256)}, {(byte) (i % 256)}});
        }
        return Tokenizer.fromMerges(list, SplitPattern.CL100K, SpecialTokens.ALL);
    }
}
