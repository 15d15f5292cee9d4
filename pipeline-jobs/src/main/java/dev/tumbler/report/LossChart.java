package dev.tumbler.report;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Renders curves of {@link MetricsRow} columns as a self-contained inline SVG (no scripts, no external files). */
final class LossChart {
    private static final int W = 720;
    private static final int H = 360;
    private static final int PAD = 50;

    private LossChart() {
    }

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"};

    /** An SVG with the given columns (training loss blue, validation loss orange, ...) against step. */
    static String svg(List<MetricsRow> rows, List<String> columns) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                W, H, W, H));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (MetricsRow r : rows) {
            for (String column : columns) {
                double y = r.value(column);
                if (Double.isFinite(y)) {
                    minX = Math.min(minX, r.step());
                    maxX = Math.max(maxX, r.step());
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (minX > maxX) {
            return sb.append("<text x=\"20\" y=\"40\">no data yet</text></svg>\n").toString();
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        double[] box = {minX, maxX, minY, maxY};
        axes(sb, box);
        for (int i = 0; i < columns.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            String column = columns.get(i);
            line(sb, rows, r -> r.value(column), box, colour);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" fill=\"%s\">%s</text>%n",
                    PAD + 110 * i, colour, column.replace('_', ' ')));
        }
        return sb.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder sb, double[] box) {
        sb.append(String.format(Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"black\" points=\"%d,%d %d,%d %d,%d\"/>%n",
                PAD, PAD, PAD, H - PAD, W - PAD, H - PAD));
        sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.3g</text>%n", PAD + 5, box[3]));
        sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.3g</text>%n", H - PAD, box[2]));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">step %.0f</text>%n", PAD, H - PAD + 20,
                box[0]));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">step %.0f</text>%n",
                W - PAD, H - PAD + 20, box[1]));
    }

    private static void line(StringBuilder sb, List<MetricsRow> rows, ToDoubleFunction<MetricsRow> y, double[] box,
                             String colour) {
        StringBuilder points = new StringBuilder();
        for (MetricsRow r : rows) {
            double v = y.applyAsDouble(r);
            if (Double.isFinite(v)) {
                double px = PAD + (r.step() - box[0]) / (box[1] - box[0]) * (W - 2 * PAD);
                double py = H - PAD - (v - box[2]) / (box[3] - box[2]) * (H - 2 * PAD);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
        }
        if (points.length() > 0) {
            sb.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour, points.toString().trim()));
        }
    }
}
