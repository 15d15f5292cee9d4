package dev.tumbler.store;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The store contract on the S3 API: s3a:// (hadoop-aws 3.3.4) against S3Mock on loopback. S3A in
 * Hadoop 3.3.4 has no atomic create-if-absent, so concurrent publishers of one name are not
 * promised to be kept apart here (see {@link VersionClaims}); the concurrency test runs one writer.
 */
@Tag("slow")
class S3StoreTest extends StoreContractTest {
    private static S3MockServer server;

    @BeforeAll
    static void startS3() throws IOException, InterruptedException {
        server = S3MockServer.start("tumbler-test");
    }

    @AfterAll
    static void stopS3() throws IOException {
        if (server != null) {
            // Only the s3a instance: other test classes in this JVM share the cached local file system.
            FileSystem.get(URI.create(server.bucketUri()), server.hadoopConf()).close();
            server.close();
        }
    }

    @Override
    String newStoreUri(String label) {
        return server.bucketUri() + "stores/" + label;
    }

    @Override
    Configuration hadoopConf() {
        return server.hadoopConf();
    }

    @Override
    Map<String, String> childProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        server.s3aSettings().forEach((k, v) -> props.put("spark.hadoop." + k, v));
        return props;
    }

    @Override
    boolean exclusiveCreate() {
        return false;
    }
}
