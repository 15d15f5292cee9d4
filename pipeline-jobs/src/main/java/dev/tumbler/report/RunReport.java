package dev.tumbler.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's metrics in a directory on any Hadoop file system, for any phase: {@code metrics.csv} (the header
 * {@code step,<columns>} plus one row per {@link #append}) and {@code report.html}, a self-contained page with the
 * curves of the {@code loss} and {@code val_loss} columns as inline SVG. Rows already in {@code metrics.csv} are read
 * on construction, so a resumed run keeps its history; a file with other columns is refused
 * ({@link IllegalArgumentException}). Both files are rewritten
 * through a temporary name on each append, because not every Hadoop file system supports appending.
 */
public final class RunReport {
    private final Path dir;
    private final FileSystem fs;
    private final String title;
    private final List<String> columns;
    private final List<MetricsRow> rows = new ArrayList<>();

    /** Opens the report in {@code dir} with these columns (after {@code step}), reading any earlier rows. */
    public RunReport(Path dir, Configuration conf, String title, List<String> columns) {
        this.dir = dir;
        this.title = title;
        this.columns = List.copyOf(columns);
        try {
            this.fs = dir.getFileSystem(conf);
            Path csv = new Path(dir, "metrics.csv");
            if (fs.exists(csv)) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(csv),
                        StandardCharsets.UTF_8))) {
                    String header = in.readLine();
                    if (header != null && !header.equals(header())) {
                        throw new IllegalArgumentException(csv + " has the columns " + header + ", not " + header()
                                + ": it belongs to another kind of run");
                    }
                    in.lines().filter(l -> !l.isBlank()).map(l -> MetricsRow.parse(l, this.columns))
                            .forEach(rows::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("opening run report in " + dir, e);
        }
    }

    /** The CSV header: {@code step} and the columns. */
    public String header() {
        return MetricsRow.STEP + "," + String.join(",", columns);
    }

    /** Adds a row and rewrites {@code metrics.csv} and {@code report.html}. */
    public void append(MetricsRow row) {
        for (String key : row.values().keySet()) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("metric " + key + " is not a column of this report: " + columns);
            }
        }
        rows.removeIf(r -> r.step() >= row.step()); // a resumed run replaces rows past its checkpoint
        rows.add(row);
        StringBuilder csv = new StringBuilder(header()).append('\n');
        rows.forEach(r -> csv.append(r.toCsv(columns)).append('\n'));
        write("metrics.csv", csv.toString());
        write("report.html", html());
    }

    /** The rows so far, oldest first. */
    public List<MetricsRow> rows() {
        return List.copyOf(rows);
    }

    private String html() {
        MetricsRow last = rows.get(rows.size() - 1);
        StringBuilder summary = new StringBuilder("step ").append(last.step());
        for (String c : columns) {
            if (last.values().containsKey(c)) {
                summary.append(String.format(Locale.ROOT, ", %s %.6g", c, last.value(c)));
            }
        }
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>\n"
                + "<body style=\"font-family:sans-serif\">\n<h1>" + escape(title) + "</h1>\n"
                + "<p>" + escape(summary.toString()) + "</p>\n"
                + LossChart.svg(rows, Arrays.asList("loss", "val_loss")) + "</body></html>\n";
    }

    private void write(String name, String text) {
        Path target = new Path(dir, name);
        Path temp = new Path(dir, "_tmp-" + name);
        try {
            try (FSDataOutputStream out = fs.create(temp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("could not rename " + temp + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target, e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
