package dev.tumbler.store;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the local file system. */
class LocalStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    String newStoreUri(String label) {
        return dir.resolve(label).toUri().toString();
    }

    @Override
    Configuration hadoopConf() {
        return new Configuration();
    }

    @Override
    Map<String, String> childProperties() {
        return Map.of();
    }
}
