package dev.tumbler.spark;

import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every job uses. Under {@code spark-submit} the master comes from there;
 * otherwise {@code --master} (default {@code local[*]}) on the embedded local Spark. Jobs run their
 * Spark work through {@link #with}, which stops Spark afterwards unless it was running before.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * @param master the {@code --master} value, or null to take spark-submit's (or {@code local[*]})
     */
    public static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        // DL4J ships INDArrays between driver and executors; it refuses Kryo without ND4J's registrator.
        conf.setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions",
                    String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        }
        conf.setIfMissing("spark.sql.parquet.compression.codec", "zstd");
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * Runs {@code body} on the session {@link #create} returns, and stops Spark afterwards (also when
     * {@code body} throws) only if no session was running before: a test's or a caller's shared
     * session stays up.
     *
     * @param master the {@code --master} value, or null to take spark-submit's (or {@code local[*]})
     */
    public static <T> T with(String appName, String master, Function<SparkSession, T> body) {
        boolean wasRunning = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = create(appName, master);
        try {
            return body.apply(spark);
        } finally {
            if (!wasRunning) {
                spark.stop();
            }
        }
    }
}
