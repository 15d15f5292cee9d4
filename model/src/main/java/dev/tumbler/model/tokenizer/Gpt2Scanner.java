package dev.tumbler.model.tokenizer;

/**
 * Hand-written matcher for the GPT-2 pattern
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}.
 */
final class Gpt2Scanner implements ChunkScanner {
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
        byte c0 = b[i];
        if (c0 == '\'' && i + 1 < to) {
            byte c1 = b[i + 1];
            if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') {
                return i + 2;
            }
            if (i + 2 < to) {
                byte c2 = b[i + 2];
                if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) {
                    return i + 3;
                }
            }
        }
        int body = c0 == ' ' && i + 1 < to ? i + 1 : i;
        int cls = CodePoints.classAt(b, body);
        if (CodePoints.isLetter(cls)) {
            return run(b, body, to, 0);
        }
        if (cls == CodePoints.NUMBER) {
            return run(b, body, to, 1);
        }
        if (CodePoints.isSymbol(cls)) {
            return run(b, body, to, 2);
        }
        return WhitespaceRuns.end(b, i, to, false);
    }

    /** End of the run of letters (kind 0), numbers (1) or symbols (2) starting at {@code i}. */
    private static int run(byte[] b, int i, int to, int kind) {
        while (i < to) {
            int cls = CodePoints.classAt(b, i);
            boolean in = kind == 0 ? CodePoints.isLetter(cls)
                    : kind == 1 ? cls == CodePoints.NUMBER : CodePoints.isSymbol(cls);
            if (!in) {
                break;
            }
            i += CodePoints.length(b[i]);
        }
        return i;
    }
}
