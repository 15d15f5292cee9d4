package dev.tumbler.train;

import java.util.Locale;

/**
 * One row of {@code metrics.csv}. {@code valLoss} and {@code bitsPerByte} are NaN on rows without validation and
 * are written as empty cells.
 */
public record MetricsRow(long step, long tokens, double loss, double valLoss, double bitsPerByte,
                         double learningRate, double tokensPerSecond, double seconds) {
    /** The CSV header line. */
    public static final String HEADER = "step,tokens,loss,val_loss,bpb,lr,tokens_per_second,seconds";

    /** The row as a CSV line. */
    public String toCsv() {
        return step + "," + tokens + "," + num(loss) + "," + num(valLoss) + "," + num(bitsPerByte) + ","
                + num(learningRate) + "," + num(tokensPerSecond) + "," + num(seconds);
    }

    /** Parses a line written by {@link #toCsv()}. */
    public static MetricsRow parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("metrics row needs 8 fields: " + line);
        }
        return new MetricsRow(Long.parseLong(f[0]), Long.parseLong(f[1]), dbl(f[2]), dbl(f[3]), dbl(f[4]),
                dbl(f[5]), dbl(f[6]), dbl(f[7]));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
