package dev.tumbler.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code local[2]} Spark of the training tests: the module's shared session, which has Kryo with
 * ND4J's registrator because surefire sets {@code spark.kryo.registrator} for this module (DL4J
 * needs it to ship INDArrays, and a context's serializer cannot change once started).
 */
final class TrainSpark {
    private static final String REGISTRATOR = "org.nd4j.kryo.Nd4jRegistrator";
    private static JavaSparkContext context;

    private TrainSpark() {
    }

    static synchronized JavaSparkContext get() {
        if (context == null || context.sc().isStopped()) {
            SparkSession session = dev.tumbler.ingest.testing.SharedSpark.get();
            if (!REGISTRATOR.equals(session.sparkContext().conf().get("spark.kryo.registrator", ""))) {
                throw new IllegalStateException("the shared test Spark lacks " + REGISTRATOR
                        + "; surefire sets spark.kryo.registrator for pipeline-jobs");
            }
            context = JavaSparkContext.fromSparkContext(session.sparkContext());
        }
        return context;
    }
}
