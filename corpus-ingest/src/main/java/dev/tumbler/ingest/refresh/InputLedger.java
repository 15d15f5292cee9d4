package dev.tumbler.ingest.refresh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tumbler.ingest.read.InputFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The input files a corpus has already ingested, kept as {@code _ledger.json} inside every corpus
 * snapshot. Because it lives in the snapshot, it is published (and hashed in the manifest) together
 * with the documents it accounts for: a refresh that fails before publishing leaves the newest
 * snapshot, and so the ledger, unchanged. Each snapshot's ledger holds every entry of the previous
 * one plus the files it ingested itself.
 */
public record InputLedger(List<LedgerEntry> entries) {
    /** File name of the ledger inside a snapshot. */
    public static final String FILE_NAME = "_ledger.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public InputLedger {
        entries = List.copyOf(entries);
    }

    public static InputLedger empty() {
        return new InputLedger(List.of());
    }

    /** The files of {@code listed} that no entry matches (new files, and files changed since they were ingested). */
    public List<InputFile> unprocessed(List<InputFile> listed) {
        Map<String, LedgerEntry> byUri = byUri();
        return listed.stream().filter(f -> byUri.get(f.uri()) == null || !byUri.get(f.uri()).matches(f)).toList();
    }

    /** The files of {@code listed} whose URI is in the ledger but whose size, time or ETag changed since. */
    public List<InputFile> changed(List<InputFile> listed) {
        Map<String, LedgerEntry> byUri = byUri();
        return listed.stream().filter(f -> byUri.get(f.uri()) != null && !byUri.get(f.uri()).matches(f)).toList();
    }

    /** This ledger plus {@code files}, processed by {@code snapshot}; a changed file's entry is replaced. */
    public InputLedger with(List<InputFile> files, String snapshot) {
        Map<String, LedgerEntry> byUri = byUri();
        files.forEach(f -> byUri.put(f.uri(), LedgerEntry.of(f, snapshot)));
        List<LedgerEntry> out = new ArrayList<>(byUri.values());
        out.sort(Comparator.comparing(LedgerEntry::uri));
        return new InputLedger(out);
    }

    /** Reads {@code _ledger.json} from a snapshot directory; empty when the snapshot has none. */
    public static Optional<InputLedger> read(Path snapshotDir, Configuration conf) {
        Path path = new Path(snapshotDir, FILE_NAME);
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return Optional.of(JSON.readValue(in, InputLedger.class));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input ledger " + path, e);
        }
    }

    /** Writes {@code _ledger.json} into a (staged) snapshot directory; never overwrites. */
    public void write(Path snapshotDir, Configuration conf) {
        Path path = new Path(snapshotDir, FILE_NAME);
        try {
            FileSystem fs = path.getFileSystem(conf);
            try (OutputStream out = fs.create(path, false)) {
                JSON.writeValue(out, this);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the input ledger " + path, e);
        }
    }

    private Map<String, LedgerEntry> byUri() {
        Map<String, LedgerEntry> m = new HashMap<>();
        entries.forEach(e -> m.put(e.uri(), e));
        return m;
    }
}
