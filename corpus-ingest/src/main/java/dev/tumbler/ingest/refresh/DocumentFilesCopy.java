package dev.tumbler.ingest.refresh;

import dev.tumbler.ingest.pipeline.HadoopConfBlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Copies the Parquet files of a previous snapshot's {@code documents/} into a new snapshot's, byte
 * for byte, on the executors (one task per group of files), so a refreshed snapshot is a complete
 * corpus without decoding and re-encoding the old documents. Hidden files ({@code _SUCCESS},
 * checksums) are skipped; a name already present in the target fails the copy before any file moves
 * (a retried task overwrites its own partial copy).
 */
public final class DocumentFilesCopy {
    private static final int MAX_TASKS = 1000;

    private DocumentFilesCopy() {
    }

    /** Copies the data files of {@code fromDir} into {@code toDir} and returns how many it copied. */
    public static int copy(SparkSession spark, String fromDir, String toDir) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<String> names = new ArrayList<>();
        try {
            Path from = new Path(fromDir);
            Path to = new Path(toDir);
            FileSystem fs = from.getFileSystem(conf);
            FileSystem toFs = to.getFileSystem(conf);
            for (FileStatus st : fs.listStatus(from)) {
                String name = st.getPath().getName();
                if (st.isFile() && !name.startsWith("_") && !name.startsWith(".") && !name.endsWith(".crc")) {
                    if (toFs.exists(new Path(to, name))) {
                        throw new IOException("file name " + name + " of " + fromDir + " already exists in " + toDir);
                    }
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the previous documents " + fromDir, e);
        }
        if (names.isEmpty()) {
            return 0;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConfBlob> blob = jsc.broadcast(new HadoopConfBlob(conf));
        jsc.parallelize(names, Math.min(MAX_TASKS, names.size()))
                .foreachPartition((VoidFunction<Iterator<String>>) it -> {
                    Configuration c = blob.value().get();
                    Path from = new Path(fromDir);
                    Path to = new Path(toDir);
                    FileSystem src = from.getFileSystem(c);
                    FileSystem dst = to.getFileSystem(c);
                    while (it.hasNext()) {
                        String name = it.next();
                        if (!FileUtil.copy(src, new Path(from, name), dst, new Path(to, name), false, true, c)) {
                            throw new IOException("could not copy " + name + " from " + fromDir + " to " + toDir);
                        }
                    }
                });
        return names.size();
    }
}
