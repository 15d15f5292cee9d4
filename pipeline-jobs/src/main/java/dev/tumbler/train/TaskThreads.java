package dev.tumbler.train;

import org.apache.spark.SparkEnv;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gives each training task as many ND4J native threads (OpenMP and OpenBLAS) as Spark gives it CPUs
 * ({@code spark.task.cpus}, default 1). ND4J otherwise starts one thread per core for every op in every task, so an
 * executor running one task per core oversubscribes its cores by that factor; on two cores, {@code local[2]} trained
 * 1.2-1.7x as fast as one JVM on both cores with ND4J's default and 2.0x with one thread per task. Users who want
 * fewer, wider workers raise {@code spark.task.cpus}. The setting is per JVM; on the CUDA backend it is left alone.
 */
public final class TaskThreads {
    private TaskThreads() {
    }

    /** Applies {@code spark.task.cpus} of the running Spark environment, if any. */
    static synchronized void matchSparkTaskCpus() {
        SparkEnv spark = SparkEnv.get();
        if (spark == null) {
            return;
        }
        apply(spark.conf().getInt("spark.task.cpus", 1));
    }

    /** Sets ND4J's native thread count to {@code threads} (CPU backend only). */
    public static synchronized void apply(int threads) {
        Environment nd4j = Nd4j.getEnvironment();
        if (threads < 1 || !nd4j.isCPU()
                || (nd4j.maxMasterThreads() == threads && Nd4j.factory().blas().getMaxThreads() == threads)) {
            return;
        }
        nd4j.setMaxThreads(threads);
        nd4j.setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
