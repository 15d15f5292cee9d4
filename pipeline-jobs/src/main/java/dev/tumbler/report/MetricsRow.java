package dev.tumbler.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of a run's {@code metrics.csv}: the step and a value for each named column. Counts ({@code Long},
 * {@code Integer}) are written as integers and measures ({@code Double}) with six significant digits. A column
 * without a value on this row (validation metrics between validations) is written as an empty cell and reads as NaN.
 */
public record MetricsRow(long step, Map<String, Number> values) {
    /** The first column of every metrics table. */
    public static final String STEP = "step";

    /** Copies {@code values}, keeping their order. */
    public MetricsRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code column}, NaN when this row has none. */
    public double value(String column) {
        Number v = values.get(column);
        return v == null ? Double.NaN : v.doubleValue();
    }

    /** The row as a CSV line under the header {@code step,<columns>}. */
    public String toCsv(List<String> columns) {
        StringBuilder sb = new StringBuilder().append(step);
        for (String c : columns) {
            sb.append(',').append(format(values.get(c)));
        }
        return sb.toString();
    }

    /** Parses a line written by {@link #toCsv} under a header naming {@code columns} (without {@code step}). */
    public static MetricsRow parse(String line, List<String> columns) {
        String[] f = line.split(",", -1);
        if (f.length != columns.size() + 1) {
            throw new IllegalArgumentException("metrics row needs " + (columns.size() + 1) + " fields: " + line);
        }
        Map<String, Number> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String cell = f[i + 1];
            if (!cell.isEmpty()) {
                Number value = cell.matches("-?\\d+") ? (Number) Long.valueOf(cell) : (Number) Double.valueOf(cell);
                values.put(columns.get(i), value);
            }
        }
        return new MetricsRow(Long.parseLong(f[0]), values);
    }

    private static String format(Number v) {
        if (v == null || (v instanceof Double d && d.isNaN())) {
            return "";
        }
        if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        return String.format(Locale.ROOT, "%.6g", v.doubleValue());
    }
}
