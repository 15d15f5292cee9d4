package dev.tumbler.model.tokenizer;

/**
 * Hand-written matcher for the o200k pattern (see {@link SplitPattern#O200K}), including the
 * backtracking of its two case-aware word alternatives.
 */
final class O200kScanner implements ChunkScanner {
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
        int cls = CodePoints.classAt(b, i);
        int next = i + CodePoints.length(b[i]);
        boolean prefix = cls == CodePoints.OTHER || cls == CodePoints.MARK || cls == CodePoints.SPACE;
        int end;
        if ((prefix && (end = lowerWord(b, next, to)) >= 0) || (end = lowerWord(b, i, to)) >= 0
                || (prefix && (end = upperWord(b, next, to)) >= 0) || (end = upperWord(b, i, to)) >= 0) {
            return end;
        }
        if (cls == CodePoints.NUMBER) {
            end = next;
            for (int k = 1; k < 3 && end < to && CodePoints.classAt(b, end) == CodePoints.NUMBER; k++) {
                end += CodePoints.length(b[end]);
            }
            return end;
        }
        if (cls == CodePoints.OTHER) {
            return symbols(b, next, to);
        }
        if (b[i] == ' ' && next < to && CodePoints.classAt(b, next) == CodePoints.OTHER) {
            return symbols(b, next, to);
        }
        return WhitespaceRuns.end(b, i, to, true);
    }

    private static boolean inUpper(int cls) {
        return cls == CodePoints.UPPER || cls == CodePoints.CASELESS || cls == CodePoints.MARK;
    }

    private static boolean inLower(int cls) {
        return cls == CodePoints.LOWER || cls == CodePoints.CASELESS || cls == CodePoints.MARK;
    }

    /** {@code [Lu Lt Lm Lo M]*[Ll Lm Lo M]+} and the optional contraction at {@code p}, or -1. */
    private static int lowerWord(byte[] b, int p, int to) {
        int u = p;
        int lastBoth = -1;
        while (u < to) {
            int cls = CodePoints.classAt(b, u);
            if (!inUpper(cls)) {
                if (cls == CodePoints.LOWER) {
                    return contraction(b, lowerRun(b, u, to), to);
                }
                break;
            }
            if (cls != CodePoints.UPPER) {
                lastBoth = u;
            }
            u += CodePoints.length(b[u]);
        }
        return lastBoth < 0 ? -1 : contraction(b, lastBoth + CodePoints.length(b[lastBoth]), to);
    }

    /** {@code [Lu Lt Lm Lo M]+[Ll Lm Lo M]*} and the optional contraction at {@code p}, or -1. */
    private static int upperWord(byte[] b, int p, int to) {
        int u = p;
        while (u < to && inUpper(CodePoints.classAt(b, u))) {
            u += CodePoints.length(b[u]);
        }
        return u == p ? -1 : contraction(b, lowerRun(b, u, to), to);
    }

    private static int lowerRun(byte[] b, int i, int to) {
        while (i < to && inLower(CodePoints.classAt(b, i))) {
            i += CodePoints.length(b[i]);
        }
        return i;
    }

    /** {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)?} at {@code e}. */
    private static int contraction(byte[] b, int e, int to) {
        if (e + 1 >= to || b[e] != '\'') {
            return e;
        }
        int i = e + 1;
        int c1 = CodePoints.decode(b, i);
        int after1 = i + CodePoints.length(b[i]);
        if (CodePoints.foldsTo(c1, 's', false) || CodePoints.foldsTo(c1, 't', false)
                || CodePoints.foldsTo(c1, 'm', false) || CodePoints.foldsTo(c1, 'd', false)) {
            return after1;
        }
        if (after1 >= to) {
            return e;
        }
        int c2 = CodePoints.decode(b, after1);
        boolean match = (CodePoints.foldsTo(c1, 'r', false) && CodePoints.foldsTo(c2, 'e', false))
                || (CodePoints.foldsTo(c1, 'v', false) && CodePoints.foldsTo(c2, 'e', false))
                || (CodePoints.foldsTo(c1, 'l', false) && CodePoints.foldsTo(c2, 'l', false));
        return match ? after1 + CodePoints.length(b[after1]) : e;
    }

    /** Rest of a symbol run, then {@code [\r\n/]*}. */
    private static int symbols(byte[] b, int i, int to) {
        while (i < to && CodePoints.isSymbol(CodePoints.classAt(b, i))) {
            i += CodePoints.length(b[i]);
        }
        while (i < to && (b[i] == '\r' || b[i] == '\n' || b[i] == '/')) {
            i++;
        }
        return i;
    }
}
