package dev.tumbler.jobs;

import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration jobs use before Spark starts (to check inputs and open the store): the
 * defaults plus every {@code spark.hadoop.*} system property, as spark-submit passes them.
 */
public final class HadoopConfs {
    private HadoopConfs() {
    }

    public static Configuration fromSystemProperties() {
        Configuration conf = new Configuration();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("spark.hadoop."))
                .forEach(k -> conf.set(k.substring("spark.hadoop.".length()), System.getProperty(k)));
        return conf;
    }
}
