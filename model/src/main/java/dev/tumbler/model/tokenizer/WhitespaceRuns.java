package dev.tumbler.model.tokenizer;

/**
 * The whitespace alternatives shared by the patterns: {@code \s+(?!\S)|\s+}, optionally preceded by a
 * newline alternative ({@code \s*[\r\n]} or {@code \s*[\r\n]+}, which end at the run's last newline).
 */
final class WhitespaceRuns {
    private WhitespaceRuns() {
    }

    /** End of the match for a whitespace run that starts at {@code start}. */
    static int end(byte[] b, int start, int to, boolean newlineFirst) {
        int i = start;
        int lastStart = start;
        int afterNewline = -1;
        while (i < to) {
            int cls = CodePoints.classAt(b, i);
            if (!CodePoints.isSpace(cls)) {
                break;
            }
            lastStart = i;
            i += CodePoints.length(b[i]);
            if (cls == CodePoints.NEWLINE) {
                afterNewline = i;
            }
        }
        if (newlineFirst && afterNewline > 0) {
            return afterNewline;
        }
        if (i < to && lastStart > start) {
            return lastStart;
        }
        return i;
    }
}
