package dev.tumbler.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Where and what {@link SparkTrainer} checkpoints: folder {@code dir} on the file system {@code conf} resolves, with
 * the run's configuration JSON stored alongside each checkpoint.
 */
public record CheckpointPlan(Path dir, Configuration conf, String configJson) {
}
