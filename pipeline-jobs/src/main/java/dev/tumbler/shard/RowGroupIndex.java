package dev.tumbler.shard;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The row groups of one split's Parquet files, read from their footers on the driver, in the split's global row order:
 * files sorted by name, then row groups in file order, then rows in row-group order. Row {@code r} of that order lies
 * in the row group {@link #groupOf(long)} finds. Empty row groups are left out.
 */
public final class RowGroupIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] files;
    private final int[] groupFile;     // per row group: index into files
    private final int[] groupInFile;   // per row group: its block index inside the file
    private final long[] groupStart;   // per row group: its first global row; groupStart[n] = rows

    private RowGroupIndex(String[] files, int[] groupFile, int[] groupInFile, long[] groupStart) {
        this.files = files;
        this.groupFile = groupFile;
        this.groupInFile = groupInFile;
        this.groupStart = groupStart;
    }

    /**
     * Reads the footers of the {@code .parquet} files directly under {@code dir} (names starting with {@code _} or
     * {@code .} are skipped, as Spark does).
     *
     * @throws IllegalArgumentException when {@code dir} holds no Parquet file
     */
    public static RowGroupIndex read(String dir, Configuration conf) {
        Path folder = new Path(dir);
        try {
            FileSystem fs = folder.getFileSystem(conf);
            List<FileStatus> parquet = new ArrayList<>();
            for (FileStatus s : fs.listStatus(folder)) {
                String name = s.getPath().getName();
                if (s.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
                    parquet.add(s);
                }
            }
            if (parquet.isEmpty()) {
                throw new IllegalArgumentException(dir + " holds no .parquet files");
            }
            parquet.sort(Comparator.comparing(s -> s.getPath().getName()));
            String[] files = new String[parquet.size()];
            List<int[]> groups = new ArrayList<>();
            List<Long> rows = new ArrayList<>();
            for (int f = 0; f < files.length; f++) {
                files[f] = parquet.get(f).getPath().toString();
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(parquet.get(f),
                        conf))) {
                    List<BlockMetaData> blocks = reader.getRowGroups();
                    for (int b = 0; b < blocks.size(); b++) {
                        if (blocks.get(b).getRowCount() > 0) {
                            groups.add(new int[] {f, b});
                            rows.add(blocks.get(b).getRowCount());
                        }
                    }
                }
            }
            int n = groups.size();
            int[] groupFile = new int[n];
            int[] groupInFile = new int[n];
            long[] groupStart = new long[n + 1];
            for (int g = 0; g < n; g++) {
                groupFile[g] = groups.get(g)[0];
                groupInFile[g] = groups.get(g)[1];
                groupStart[g + 1] = groupStart[g] + rows.get(g);
            }
            return new RowGroupIndex(files, groupFile, groupInFile, groupStart);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Parquet footers under " + dir, e);
        }
    }

    /** Rows (windows) in the split. */
    public long rows() {
        return groupStart[groupStart.length - 1];
    }

    /** Non-empty row groups in the split. */
    public int groups() {
        return groupFile.length;
    }

    /** The row group that holds global row {@code row}, in {@code [0, rows())}. */
    public int groupOf(long row) {
        if (row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows());
        }
        int i = Arrays.binarySearch(groupStart, row);
        return i >= 0 ? i : -i - 2;           // starts strictly increase: no group is empty
    }

    /** The first global row of row group {@code g}. */
    public long start(int g) {
        return groupStart[g];
    }

    /** The rows of row group {@code g}. */
    public long rowCount(int g) {
        return groupStart[g + 1] - groupStart[g];
    }

    /** The file of row group {@code g}, as a Hadoop path string. */
    public String file(int g) {
        return files[groupFile[g]];
    }

    /** The block index of row group {@code g} inside its file. */
    public int blockInFile(int g) {
        return groupInFile[g];
    }
}
