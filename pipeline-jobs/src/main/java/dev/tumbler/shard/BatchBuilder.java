package dev.tumbler.shard;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Builds a round's minibatches on the executor from the Parquet rows it reads, for a row layout that is not a
 * single token window (SFT's packed rows: ids, weights and positions, two feature arrays). Pretraining's windows
 * go through {@link WindowDecoder} and {@code TokenBatches} instead.
 */
public interface BatchBuilder extends Serializable {
    /** The top-level columns it reads; only these are read from the files. */
    List<String> columns();

    /** Minibatches of {@code minibatch} consecutive rows each; {@code rows} holds a whole number of them. */
    Iterator<MultiDataSet> batches(Iterator<Group> rows, int minibatch);
}
