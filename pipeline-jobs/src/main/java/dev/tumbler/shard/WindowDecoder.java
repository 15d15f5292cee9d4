package dev.tumbler.shard;

import dev.tumbler.model.data.PackedTokens;
import dev.tumbler.model.data.TokenWindow;
import java.io.Serializable;
import java.util.List;
import org.apache.parquet.example.data.Group;

/**
 * Turns one Parquet row of a shard into a training window, on the executor that reads it. Pretraining shards hold
 * {@code tokens: binary} ({@link #PACKED_TOKENS}); a phase with its own row layout (SFT: tokens and loss weights)
 * supplies its own decoder and a {@code BatchConfig} with masks.
 */
public interface WindowDecoder extends Serializable {
    /** The top-level columns the decoder reads; only these are read from the files. */
    List<String> columns();

    /** The window of one row, read with {@link #columns()} as its schema. */
    TokenWindow decode(Group row);

    /** Rows of {@code tokens: binary}, {@code seqLen + 1} packed little-endian int32 ({@link PackedTokens}). */
    WindowDecoder PACKED_TOKENS = new PackedTokensDecoder();
}
