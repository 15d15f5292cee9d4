package dev.tumbler.ingest.pipeline;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** The driver's Hadoop configuration as a serializable map, rebuilt on executors (s3a keys, HDFS settings). */
public final class HadoopConfBlob implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> entries = new HashMap<>();
    private transient Configuration conf;

    public HadoopConfBlob(Configuration source) {
        source.forEach(e -> entries.put(e.getKey(), e.getValue()));
    }

    /** The configuration, rebuilt once per JVM copy. */
    public synchronized Configuration get() {
        if (conf == null) {
            conf = new Configuration(false);
            entries.forEach(conf::set);
        }
        return conf;
    }
}
