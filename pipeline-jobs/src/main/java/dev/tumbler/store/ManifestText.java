package dev.tumbler.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A manifest in readable form, for {@code tumbler artifacts show}; and byte counts for people. */
public final class ManifestText {
    private ManifestText() {
    }

    /** The manifest as aligned sections: header fields, inputs, config, metrics, files. */
    public static String render(Manifest m) {
        StringBuilder sb = new StringBuilder();
        field(sb, "ref", m.ref());
        field(sb, "created_at", m.createdAt());
        field(sb, "command", m.command());
        field(sb, "git_commit", m.gitCommit());
        field(sb, "schema_version", String.valueOf(m.schemaVersion()));
        field(sb, "size", bytes(totalBytes(m)) + " in " + m.files().size() + " files");
        sb.append("inputs:").append(m.inputs().isEmpty() ? " (none)\n" : "\n");
        m.inputs().forEach(in -> sb.append("  ").append(in).append('\n'));
        section(sb, "config", m.config());
        section(sb, "metrics", m.metrics());
        sb.append("files:\n");
        m.files().forEach((path, f) -> sb.append(String.format(Locale.ROOT, "  %s  %12d  %s%n", f.sha256(), f.bytes(), path)));
        return sb.toString();
    }

    /** The total size of an artifact's files. */
    public static long totalBytes(Manifest m) {
        return m.files().values().stream().mapToLong(Manifest.FileEntry::bytes).sum();
    }

    /** {@code 1536} as {@code 1.5 KiB}; below 1 KiB as {@code N B}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static void field(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-15s %s%n", key + ":", value));
    }

    private static void section(StringBuilder sb, String title, Map<String, Object> values) {
        sb.append(title).append(':').append(values == null || values.isEmpty() ? " (none)\n" : "\n");
        if (values != null) {
            values.forEach((k, v) -> value(sb, "  ", k, v));
        }
    }

    private static void value(StringBuilder sb, String indent, String key, Object v) {
        if (v instanceof Map<?, ?> map && !map.isEmpty()) {
            sb.append(indent).append(key).append(":\n");
            map.forEach((k, inner) -> value(sb, indent + "  ", String.valueOf(k), inner));
        } else if (v instanceof List<?> list && list.toString().length() > 100) {
            sb.append(indent).append(key).append(":\n");
            list.forEach(item -> sb.append(indent).append("  - ").append(item).append('\n'));
        } else {
            sb.append(indent).append(key).append(": ").append(v instanceof List<?> l ? l.toString() : v).append('\n');
        }
    }
}
