package dev.tumbler.sft;

import dev.tumbler.artifacts.ConversationsArtifact;
import dev.tumbler.model.chat.ChatFit;
import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.model.chat.RenderedChat;
import dev.tumbler.model.data.PackedRows;
import dev.tumbler.model.data.WeightedIds;
import dev.tumbler.tokenize.ExecutorTokenizers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns a split of a conversations artifact into packed SFT rows on the executors: each partition renders its
 * conversations with {@link ChatTemplate}, fits each to {@code seq_len + 1} tokens ({@link ChatTemplate#fit}),
 * packs the kept and cut ones best fit into rows of {@code seq_len + 1} ({@link PackedRows#pack}), and the rows are
 * written as Parquet ({@link PackedSftRow}) in partition order. Every conversation is counted under one
 * {@link ChatFit.Outcome}.
 */
public final class SftPacker {
    /** What packing a split gave: conversations by fit outcome, and the rows written. */
    public record Counts(Map<String, Long> byOutcome, long rows, long supervisedTokens) implements Serializable {
        /** Conversations read, over the outcomes. */
        public long conversations() {
            return byOutcome.values().stream().mapToLong(Long::longValue).sum();
        }

        /** As stored in the manifest. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            byOutcome.forEach((k, v) -> m.put(k, v));
            m.put("rows", rows);
            m.put("supervised_tokens", supervisedTokens);
            return m;
        }
    }

    /** One partition's packed rows and outcome counts (in {@link ChatFit.Outcome} order, then supervised tokens). */
    private record Part(List<byte[][]> rows, long[] counts) implements Serializable {
    }

    private static final StructType SCHEMA = new StructType()
            .add(PackedSftRow.IDS, DataTypes.BinaryType, false)
            .add(PackedSftRow.WEIGHTS, DataTypes.BinaryType, false)
            .add(PackedSftRow.POSITIONS, DataTypes.BinaryType, false);

    /** Conversations packed together at most: best fit works within this many. */
    static final long CONVERSATIONS_PER_PARTITION = 4096;

    private SftPacker() {
    }

    /** Packs {@code split} of {@code data} with the tokenizer of {@code tokenizerJson} and writes it to {@code out}. */
    public static Counts pack(SparkSession spark, ConversationsArtifact data, String split, String tokenizerJson,
                              int seqLen, String out) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<String> json = jsc.broadcast(tokenizerJson);
        int outcomes = ChatFit.Outcome.values().length;
        // Packing is per partition, so the partitions must not depend on how Spark happened to split the files
        // (cores, spark.sql.files.*): a fixed number of them, from the split's size, by a hash of the id, in id
        // order. The same data and seq_len then give the same rows on any cluster and after a resume.
        ConversationsArtifact.Split counted = data.splits().get(split);
        long conversations = counted == null ? 0 : counted.conversations();
        int partitions = (int) Math.max(1, (conversations + CONVERSATIONS_PER_PARTITION - 1)
                / CONVERSATIONS_PER_PARTITION);
        Dataset<Row> ordered = data.rows(spark, split)
                .repartition(partitions, org.apache.spark.sql.functions.col(ConversationsArtifact.ID))
                .sortWithinPartitions(ConversationsArtifact.ID);
        JavaRDD<Part> parts = ordered.javaRDD().mapPartitions(
                (FlatMapFunction<java.util.Iterator<Row>, Part>) it -> {
                    ChatTemplate template = new ChatTemplate(ExecutorTokenizers.fromJson(json.value()));
                    long[] counts = new long[outcomes + 1];
                    List<WeightedIds> kept = new ArrayList<>();
                    while (it.hasNext()) {
                        RenderedChat chat = template.render(ConversationsArtifact.conversation(it.next()));
                        ChatFit fit = template.fit(chat, seqLen + 1);
                        counts[fit.outcome().ordinal()]++;
                        if (fit.kept()) {
                            kept.add(new WeightedIds(fit.chat().ids(), fit.chat().weights()));
                            counts[outcomes] += fit.chat().supervisedTokens();
                        }
                    }
                    List<byte[][]> rows = new ArrayList<>();
                    for (List<WeightedIds> row : PackedRows.pack(kept, seqLen)) {
                        rows.add(PackedSftRow.encode(row));
                    }
                    return Collections.singletonList(new Part(rows, counts)).iterator();
                }).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long[] total = parts.map(Part::counts).fold(new long[outcomes + 1], SftPacker::add);
            JavaRDD<Row> rows = parts.flatMap(p -> p.rows().stream()
                    .map(r -> RowFactory.create(r[0], r[1], r[2])).iterator());
            Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
            frame.write().mode(SaveMode.Overwrite).parquet(out);
            long written = parts.map(p -> (long) p.rows().size()).fold(0L, Long::sum);
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            for (ChatFit.Outcome o : ChatFit.Outcome.values()) {
                byOutcome.put(o.name().toLowerCase(java.util.Locale.ROOT), total[o.ordinal()]);
            }
            return new Counts(byOutcome, written, total[outcomes]);
        } finally {
            parts.unpersist();
        }
    }

    private static long[] add(long[] a, long[] b) {
        long[] s = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }
}
