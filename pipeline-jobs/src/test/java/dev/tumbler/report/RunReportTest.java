package dev.tumbler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final List<String> COLUMNS =
            List.of("tokens", "loss", "val_loss", "bpb", "lr", "tokens_per_second", "seconds");

    @TempDir
    java.nio.file.Path dir;

    private static MetricsRow row(long step, long tokens, double loss, double val, double bpb, double lr,
                                  double tokensPerSecond, double seconds) {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("tokens", tokens);
        v.put("loss", loss);
        v.put("val_loss", val);
        v.put("bpb", bpb);
        v.put("lr", lr);
        v.put("tokens_per_second", tokensPerSecond);
        v.put("seconds", seconds);
        return new MetricsRow(step, v);
    }

    @Test
    void writesCsvWithHeaderAndHtmlWithSvgAndKeepsHistory() throws Exception {
        Path out = new Path(dir.toUri());
        RunReport report = new RunReport(out, new Configuration(), "run <1>", COLUMNS);
        report.append(row(4, 1024, 2.0, Double.NaN, Double.NaN, 1e-3, 500, 2.0));
        report.append(row(8, 2048, 1.5, 1.6, 0.6, 9e-4, 510, 4.0));

        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("step,tokens,loss,val_loss,bpb,lr,tokens_per_second,seconds", csv.get(0));
        assertEquals(report.header(), csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("4,1024,2.00000,,,"), csv.get(1));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("<polyline") && html.contains("run &lt;1&gt;"));
        assertTrue(!html.contains("<script"));

        RunReport reopened = new RunReport(out, new Configuration(), "run", COLUMNS);
        assertEquals(2, reopened.rows().size());
        assertEquals(1.6, reopened.rows().get(1).value("val_loss"), 1e-9);
        assertEquals(2048, reopened.rows().get(1).value("tokens"));
        reopened.append(row(8, 2048, 1.4, Double.NaN, Double.NaN, 9e-4, 505, 4.1));
        assertEquals(2, reopened.rows().size(), "a resumed step replaces the old row");
        assertEquals(List.of(csv.get(0), csv.get(1)), Files.readAllLines(dir.resolve("metrics.csv")).subList(0, 2),
                "rows read back are written again unchanged");
    }

    @Test
    void refusesAFileWithOtherColumnsAndUnknownMetrics() {
        Path out = new Path(dir.toUri());
        new RunReport(out, new Configuration(), "a", COLUMNS).append(row(1, 1, 1, 1, 1, 1, 1, 1));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> new RunReport(out, new Configuration(), "b", List.of("loss")));
        assertTrue(other.getMessage().contains("val_loss"), other.getMessage());
        RunReport narrow = new RunReport(new Path(dir.resolve("n").toUri()), new Configuration(), "n", List.of("loss"));
        assertThrows(IllegalArgumentException.class, () -> narrow.append(new MetricsRow(1, Map.of("acc", 0.5))));
    }
}
