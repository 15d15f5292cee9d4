package dev.tumbler.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writing and reading small files of a store through its Hadoop file system, for the store tests. */
final class StoreFiles {
    private StoreFiles() {
    }

    static void write(ArtifactStore store, Path file, String text) throws IOException {
        try (OutputStream out = store.fileSystem().create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String read(ArtifactStore store, Path file) throws IOException {
        try (InputStream in = store.fileSystem().open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Stages {@code files} (relative path to text) and publishes them with {@code inputs} as lineage. */
    static ArtifactRef publish(ArtifactStore store, ArtifactKind kind, String name, Map<String, String> files,
                               List<ArtifactRef> inputs) throws IOException {
        StagingArea staging = store.stage(kind, name);
        for (var e : files.entrySet()) {
            write(store, new Path(staging.dir(), e.getKey()), e.getValue());
        }
        return store.publish(staging, new PublishRequest("tumbler test " + kind, Map.of("name", name), inputs,
                Map.of("files", files.size())));
    }

}
