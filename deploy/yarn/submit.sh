#!/usr/bin/env bash
# Runs a tumbler command on YARN, driver inside the cluster (cluster mode). Needs HADOOP_CONF_DIR (or
# YARN_CONF_DIR) pointing at the cluster's configuration, and SPARK_HOME (or spark-submit on PATH).
#
#   deploy/yarn/submit.sh -- ingest --input hdfs:///crawl/CC-MAIN-2024-10/ --name cc --store hdfs:///tumbler
#   deploy/yarn/submit.sh --queue train --num-executors 8 -- pretrain --shards shards/cc --model conf/model/small.yaml --name cc
#
# Executors: TUMBLER_EXECUTOR_MEMORY (default 8g), TUMBLER_EXECUTOR_CORES (default 4), TUMBLER_NUM_EXECUTORS
# (default 4). The store must be on HDFS or S3 (the driver runs on a cluster node). Presets named with
# --model/--conf are read by the driver: ship them with --files and name them by file name, or use
# paths every node has. GPU executors: add --properties-file deploy/gpu/spark-gpu.conf (YARN 3.1+ with GPU scheduling).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -z "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ]]; then
  echo "$0: set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the cluster's Hadoop configuration" >&2
  exit 2
fi
exec "$HERE/../spark-submit.sh" --master yarn --deploy-mode "${TUMBLER_DEPLOY_MODE:-cluster}" \
  --conf "spark.executor.memory=${TUMBLER_EXECUTOR_MEMORY:-8g}" \
  --conf "spark.executor.cores=${TUMBLER_EXECUTOR_CORES:-4}" \
  --conf "spark.executor.instances=${TUMBLER_NUM_EXECUTORS:-4}" \
  --conf spark.yarn.maxAppAttempts=1 \
  --conf spark.task.maxFailures=8 \
  --files "$HERE/../../conf/model/tiny.yaml,$HERE/../../conf/model/small.yaml,$HERE/../../conf/model/base.yaml" \
  "$@"
