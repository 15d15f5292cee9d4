package dev.tumbler.sft;

import dev.tumbler.model.data.PackedRows;
import dev.tumbler.model.data.WeightedIds;
import dev.tumbler.shard.BatchBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.parquet.example.data.Group;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Minibatches of packed SFT rows ({@link PackedSftRow}) for the packed graph: {@link PackedRows#toMultiDataSet}
 * gives features {@code [ids, positions]}, the next ids as labels and their loss weights as the label mask.
 */
public record PackedRowBatches(int seqLen) implements BatchBuilder {
    @Override
    public List<String> columns() {
        return PackedSftRow.COLUMNS;
    }

    @Override
    public Iterator<MultiDataSet> batches(Iterator<Group> rows, int minibatch) {
        return of(rows, minibatch, seqLen, g -> PackedSftRow.decode(g.getBinary(PackedSftRow.IDS, 0).getBytes(),
                g.getBinary(PackedSftRow.WEIGHTS, 0).getBytes(), g.getBinary(PackedSftRow.POSITIONS, 0).getBytes()));
    }

    /** Minibatches of up to {@code minibatch} rows (the last may be smaller) of whatever {@code decode} reads. */
    public static <T> Iterator<MultiDataSet> of(Iterator<T> rows, int minibatch, int seqLen,
                                                java.util.function.Function<T, List<WeightedIds>> decode) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public MultiDataSet next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException("no packed rows left");
                }
                List<List<WeightedIds>> batch = new ArrayList<>();
                while (batch.size() < minibatch && rows.hasNext()) {
                    batch.add(decode.apply(rows.next()));
                }
                return PackedRows.toMultiDataSet(batch, seqLen);
            }
        };
    }
}
