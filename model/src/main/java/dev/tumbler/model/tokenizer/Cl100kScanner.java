package dev.tumbler.model.tokenizer;

/**
 * Hand-written matcher for the cl100k pattern
 * {@code '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+}.
 */
final class Cl100kScanner implements ChunkScanner {
    @Override
    public void split(byte[] b, int from, int to, ChunkConsumer out) {
        int i = from;
        while (i < to) {
            int end = matchAt(b, i, to);
            out.accept(i, end);
            i = end;
        }
    }

    private static int matchAt(byte[] b, int i, int to) {
        int n0 = CodePoints.length(b[i]);
        int next = i + n0;
        if (b[i] == '\'' && next < to) {
            int contraction = contraction(b, next, to);
            if (contraction > 0) {
                return contraction;
            }
        }
        int cls = CodePoints.classAt(b, i);
        if (CodePoints.isLetter(cls)) {
            return letters(b, next, to);
        }
        int nextCls = next < to ? CodePoints.classAt(b, next) : -1;
        if (cls != CodePoints.NEWLINE && cls != CodePoints.NUMBER && CodePoints.isLetter(nextCls)) {
            return letters(b, next, to);
        }
        if (cls == CodePoints.NUMBER) {
            int end = next;
            for (int k = 1; k < 3 && end < to && CodePoints.classAt(b, end) == CodePoints.NUMBER; k++) {
                end += CodePoints.length(b[end]);
            }
            return end;
        }
        if (CodePoints.isSymbol(cls)) {
            return symbols(b, next, to);
        }
        if (b[i] == ' ' && CodePoints.isSymbol(nextCls)) {
            return symbols(b, next, to);
        }
        return WhitespaceRuns.end(b, i, to, true);
    }

    /** End of {@code (?i:[sdmt]|ll|ve|re)} at {@code i}, or 0. */
    private static int contraction(byte[] b, int i, int to) {
        int c1 = CodePoints.decode(b, i);
        int after1 = i + CodePoints.length(b[i]);
        if (CodePoints.foldsTo(c1, 's', true) || CodePoints.foldsTo(c1, 'd', true)
                || CodePoints.foldsTo(c1, 'm', true) || CodePoints.foldsTo(c1, 't', true)) {
            return after1;
        }
        if (after1 >= to) {
            return 0;
        }
        int c2 = CodePoints.decode(b, after1);
        boolean match = (CodePoints.foldsTo(c1, 'l', false) && CodePoints.foldsTo(c2, 'l', false))
                || (CodePoints.foldsTo(c1, 'v', false) && CodePoints.foldsTo(c2, 'e', false))
                || (CodePoints.foldsTo(c1, 'r', false) && CodePoints.foldsTo(c2, 'e', false));
        return match ? after1 + CodePoints.length(b[after1]) : 0;
    }

    private static int letters(byte[] b, int i, int to) {
        while (i < to && CodePoints.isLetter(CodePoints.classAt(b, i))) {
            i += CodePoints.length(b[i]);
        }
        return i;
    }

    /** Rest of a symbol run, then {@code [\r\n]*}. */
    private static int symbols(byte[] b, int i, int to) {
        while (i < to && CodePoints.isSymbol(CodePoints.classAt(b, i))) {
            i += CodePoints.length(b[i]);
        }
        while (i < to && (b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }
}
