package dev.tumbler.model.transformer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Creates SameDiff gradient functions without their console noise: ND4J M2.1's {@code createGradFunction} prints one
 * {@value #NOISE}... line per op to {@code System.out} (hundreds per model replica). While it runs, standard output
 * passes through a filter that drops exactly those lines and forwards everything else, other threads' output
 * included. Calls are serialised so that concurrent replicas restore the right stream.
 */
final class QuietSameDiff {
    static final String NOISE = "Added differentiated op ";

    private QuietSameDiff() {
    }

    /** {@code sd.createGradFunction(variables)} with the per-op lines dropped from standard output. */
    static void createGradFunction(SameDiff sd, String... variables) {
        quietly(() -> {
            sd.createGradFunction(variables);
            return null;
        });
    }

    /** Runs {@code work} (which may create gradient functions) with the per-op lines dropped from standard output. */
    static synchronized <T> T quietly(Supplier<T> work) {
        PrintStream original = System.out;
        LineFilter filter = new LineFilter(original, NOISE);
        PrintStream filtered = new PrintStream(filter, true, StandardCharsets.UTF_8);
        System.setOut(filtered);
        try {
            return work.get();
        } finally {
            System.setOut(original);
            filtered.flush();
            filter.drain();
        }
    }

    /**
     * Forwards whole lines to {@code target}, except those that start with {@code drop}; a line still incomplete is
     * held until its newline or {@link #drain()}.
     */
    static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final byte[] drop;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target, String drop) {
            this.target = target;
            this.drop = drop.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }

        /** Forwards the incomplete last line, if any (unless it starts with the dropped prefix). */
        synchronized void drain() {
            emit();
            target.flush();
        }

        private void emit() {
            byte[] bytes = line.toByteArray();
            line.reset();
            if (!startsWithDrop(bytes)) {
                target.write(bytes, 0, bytes.length);
            }
        }

        private boolean startsWithDrop(byte[] bytes) {
            if (bytes.length < drop.length) {
                return false;
            }
            for (int i = 0; i < drop.length; i++) {
                if (bytes[i] != drop[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
