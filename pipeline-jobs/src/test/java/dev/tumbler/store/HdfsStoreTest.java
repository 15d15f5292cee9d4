package dev.tumbler.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The store contract on a real HDFS: a NameNode and a DataNode (MiniDFSCluster) on loopback. */
@Tag("slow")
class HdfsStoreTest extends StoreContractTest {
    private static MiniDFSCluster cluster;
    private static Path baseDir;

    @BeforeAll
    static void startHdfs() throws IOException {
        baseDir = Files.createTempDirectory("tumbler-minidfs");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() throws IOException {
        if (cluster != null) {
            cluster.shutdown(true);
        }
        if (baseDir != null) {
            LocalFiles.deleteRecursively(baseDir);
        }
    }

    @Override
    String newStoreUri(String label) {
        return cluster.getURI() + "/stores/" + label;
    }

    @Override
    Configuration hadoopConf() {
        return cluster.getConfiguration(0);
    }

    @Override
    Map<String, String> childProperties() {
        return Map.of();
    }
}
