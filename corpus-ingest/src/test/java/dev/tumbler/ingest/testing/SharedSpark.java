package dev.tumbler.ingest.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one {@code local[2]} SparkSession the tests of a module share (surefire runs a module's test
 * classes in one JVM). Created on first use, stopped at JVM exit.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("tumbler-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
