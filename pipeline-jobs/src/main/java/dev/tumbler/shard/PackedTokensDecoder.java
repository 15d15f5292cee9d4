package dev.tumbler.shard;

import dev.tumbler.model.data.PackedTokens;
import dev.tumbler.model.data.TokenWindow;
import java.util.List;
import org.apache.parquet.example.data.Group;

/** {@link WindowDecoder#PACKED_TOKENS}: a {@code tokens: binary} column of packed int32 ids, no loss weights. */
final class PackedTokensDecoder implements WindowDecoder {
    private static final long serialVersionUID = 1L;
    private static final String COLUMN = "tokens";

    @Override
    public List<String> columns() {
        return List.of(COLUMN);
    }

    @Override
    public TokenWindow decode(Group row) {
        if (row.getFieldRepetitionCount(COLUMN) == 0) {
            throw new IllegalArgumentException("a shard row has a null '" + COLUMN + "' column");
        }
        return TokenWindow.of(PackedTokens.decode(row.getBinary(COLUMN, 0).getBytes()));
    }
}
