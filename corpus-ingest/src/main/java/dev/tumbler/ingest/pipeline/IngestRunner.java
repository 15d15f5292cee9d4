package dev.tumbler.ingest.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.tumbler.ingest.dedup.AgainstPrevious;
import dev.tumbler.ingest.dedup.ExactDuplicates;
import dev.tumbler.ingest.dedup.NearDuplicates;
import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.read.InputFile;
import dev.tumbler.ingest.read.RawRecord;
import dev.tumbler.ingest.read.RecordReader;
import dev.tumbler.ingest.read.Readers;
import dev.tumbler.ingest.refresh.DocumentFilesCopy;
import dev.tumbler.ingest.refresh.PreviousSnapshot;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The ingest job on Spark. Each input file is one partition: an executor reads it lazily and runs
 * every record through the {@link DocumentPipeline}. Exact and near-duplicate removal then run as
 * Dataset operations on the kept documents. Nothing proportional to the corpus reaches the driver:
 * it only collects the per-(step, reason) counts and a few sums.
 *
 * <p>Output, under {@code outputUri}: the kept documents as zstd Parquet in {@code documents/},
 * {@code _rejected/} with every dropped document and its step and reason, and {@code _stats.json}.
 * (The documents sit in their own folder so that {@code spark.read.parquet(".../documents")} never
 * meets the store's {@code manifest.json}.)
 */
public final class IngestRunner {
    /** Folder of the kept documents inside a snapshot. */
    public static final String DOCUMENTS_DIR = "documents";

    private final SparkSession spark;
    private final IngestConfig config;
    private final long seed;

    public IngestRunner(SparkSession spark, IngestConfig config, long seed) {
        this.spark = spark;
        this.config = config;
        this.seed = seed;
    }

    /** Runs ingest over {@code files}, writes the output, and returns the stats (also written as {@code _stats.json}). */
    public IngestStats run(List<InputFile> files, String snapshot, String outputUri) {
        return run(files, snapshot, outputUri, null);
    }

    /**
     * Runs ingest over {@code files} as a refresh of {@code previous} (when not null): the new
     * documents are also deduplicated against the previous snapshot's stored content hashes and
     * MinHash signatures, and the output's {@code documents/} holds the previous documents (copied
     * unchanged) plus the new ones kept. {@code _rejected/} and the stats cover the new files only.
     */
    public IngestStats run(List<InputFile> files, String snapshot, String outputUri, PreviousSnapshot previous) {
        long started = System.nanoTime();
        StepTimes times = new StepTimes();
        spark.sparkContext().register(times, "tumbler ingest step times");
        Dataset<Row> all = processed(files, snapshot, times).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> prev = previous == null ? null : previous.dedupKeys(spark).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> marked = all;
        if (prev != null) {
            Dataset<Row> dups = AgainstPrevious.sameId(marked.where(col("step").isNull()), prev);
            marked = markDropped(marked, dups, "refresh", "doc_id_exists").persist(StorageLevel.MEMORY_AND_DISK());
        }
        if (config.dedup().exact()) {
            Dataset<Row> kept = marked.where(col("step").isNull());
            Dataset<Row> dups = prev == null ? ExactDuplicates.find(kept) : AgainstPrevious.exact(kept, prev);
            marked = markDropped(marked, dups, "dedup_exact", "exact_duplicate").persist(StorageLevel.MEMORY_AND_DISK());
        }
        if (config.dedup().near()) {
            Dataset<Row> kept = marked.where(col("step").isNull());
            Dataset<Row> dups = prev == null ? NearDuplicates.find(kept, config.dedup())
                    : AgainstPrevious.near(kept, prev, config.dedup());
            marked = markDropped(marked, dups, "dedup_near", "near_duplicate").persist(StorageLevel.MEMORY_AND_DISK());
        }
        IngestStats.Counts counts = IngestStats.countOf(marked);
        int outFiles = filesFor(counts.outputChars());
        Dataset<Row> kept = marked.where(col("step").isNull());
        OutputColumns.documents(kept).repartition(outFiles, col("doc_id")).sortWithinPartitions("doc_id")
                .write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(outputUri + "/" + DOCUMENTS_DIR);
        if (previous != null) {
            DocumentFilesCopy.copy(spark, previous.documentsUri(), outputUri + "/" + DOCUMENTS_DIR);
        }
        int rejFiles = filesFor(counts.rejectedChars());
        OutputColumns.rejected(marked.where(col("step").isNotNull()))
                .repartition(rejFiles, col("doc_id")).sortWithinPartitions("doc_id")
                .write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(outputUri + "/_rejected");
        double seconds = (System.nanoTime() - started) / 1e9;
        IngestStats stats = IngestStats.of(files, counts, seconds, times.seconds());
        stats.write(spark.sparkContext().hadoopConfiguration(), outputUri + "/_stats.json");
        all.unpersist();
        marked.unpersist();
        if (prev != null) {
            prev.unpersist();
        }
        return stats;
    }

    /** Output files for about {@code chars} characters of text: one per {@code outputFileBytes}, 1 to 10,000. */
    private int filesFor(long chars) {
        return (int) Math.max(1, Math.min(10_000, chars / Math.max(1, config.outputFileBytes()) + 1));
    }

    /** Reads and runs the per-document pipeline; one partition per input file. */
    Dataset<Row> processed(List<InputFile> files, String snapshot, StepTimes times) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConfBlob> hadoopConf = jsc.broadcast(new HadoopConfBlob(jsc.hadoopConfiguration()));
        DocumentPipeline pipeline = new DocumentPipeline(config, snapshot, seed).timedBy(times);
        IngestConfig cfg = config;
        JavaRDD<Document> docs = jsc.parallelize(files, Math.max(1, files.size()))
                .mapPartitions((FlatMapFunction<Iterator<InputFile>, Document>) it ->
                        new DocumentIterator(it, cfg, hadoopConf.value(), pipeline, times));
        return spark.createDataset(docs.rdd(), Encoders.bean(Document.class)).toDF();
    }

    /** Marks the documents listed in {@code dups (docId, keeper)} as dropped by {@code step}. */
    static Dataset<Row> markDropped(Dataset<Row> docs, Dataset<Row> dups, String step, String reason) {
        Dataset<Row> d = dups.select(col("docId").as("_dup_id"), col("keeper").as("_keeper"));
        Column isDup = col("_dup_id").isNotNull();
        return docs.join(d, docs.col("docId").equalTo(d.col("_dup_id")), "left")
                .withColumn("step", when(isDup, lit(step)).otherwise(col("step")))
                .withColumn("reason", when(isDup, lit(reason)).otherwise(col("reason")))
                .withColumn("detail", when(isDup, concat(lit("duplicate of "), col("_keeper")))
                        .otherwise(coalesce(col("detail"), lit(null))))
                .drop("_dup_id", "_keeper");
    }

    /** Lazily reads the files of one partition and yields their processed documents. */
    private static final class DocumentIterator implements Iterator<Document> {
        private final Iterator<InputFile> files;
        private final IngestConfig config;
        private final HadoopConfBlob conf;
        private final DocumentPipeline pipeline;
        private final StepTimes times;
        private Iterator<RawRecord> current = java.util.Collections.emptyIterator();

        DocumentIterator(Iterator<InputFile> files, IngestConfig config, HadoopConfBlob conf, DocumentPipeline pipeline,
                         StepTimes times) {
            this.files = files;
            this.config = config;
            this.conf = conf;
            this.pipeline = pipeline;
            this.times = times;
        }

        @Override
        public boolean hasNext() {
            long t = System.nanoTime();
            try {
                while (!current.hasNext()) {
                    if (!files.hasNext()) {
                        return false;
                    }
                    InputFile file = files.next();
                    RecordReader reader = Readers.forFormat(file.format(), config.reader());
                    current = reader.read(file, conf.get());
                }
                return true;
            } finally {
                times.add("read", System.nanoTime() - t);
            }
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            long t = System.nanoTime();
            RawRecord raw = current.next();
            times.add("read", System.nanoTime() - t);
            return pipeline.process(raw);
        }
    }
}
