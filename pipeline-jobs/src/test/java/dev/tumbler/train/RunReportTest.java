package dev.tumbler.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void writesCsvWithHeaderAndHtmlWithSvgAndKeepsHistory() throws Exception {
        Path out = new Path(dir.toUri());
        RunReport report = new RunReport(out, new Configuration(), "run <1>");
        report.append(new MetricsRow(4, 1024, 2.0, Double.NaN, Double.NaN, 1e-3, 500, 2.0));
        report.append(new MetricsRow(8, 2048, 1.5, 1.6, 0.6, 9e-4, 510, 4.0));

        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(MetricsRow.HEADER, csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("4,1024,2.00000,,,"), csv.get(1));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("<polyline") && html.contains("run &lt;1&gt;"));
        assertTrue(!html.contains("<script"));

        RunReport reopened = new RunReport(out, new Configuration(), "run");
        assertEquals(2, reopened.rows().size());
        assertEquals(1.6, reopened.rows().get(1).valLoss(), 1e-9);
        reopened.append(new MetricsRow(8, 2048, 1.4, Double.NaN, Double.NaN, 9e-4, 505, 4.1));
        assertEquals(2, reopened.rows().size(), "a resumed step replaces the old row");
    }

    @Test
    void bitsPerByteIsNatsOverLn2OverBytesPerToken() {
        assertEquals(1.0, ValidationEval.bitsPerByte(Math.log(2) * 4, 4), 1e-12);
    }
}
