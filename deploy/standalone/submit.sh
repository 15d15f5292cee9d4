#!/usr/bin/env bash
# Runs a tumbler command on a Spark standalone cluster (driver on this machine: client mode).
#
#   deploy/standalone/submit.sh spark://master:7077 -- ingest --input hdfs:///crawl/ --name web --store hdfs:///tumbler
#   deploy/standalone/submit.sh spark://master:7077 --total-executor-cores 16 -- pretrain --shards shards/web ...
#
# Executors: TUMBLER_EXECUTOR_MEMORY (default 8g) and TUMBLER_EXECUTOR_CORES (default 4). Workers and
# executors must see the store: use hdfs:// or s3a://, or a file:// path mounted on every node.
# Tasks lost with an executor (a worker dies) are retried elsewhere, up to spark.task.maxFailures.
# Extra spark-submit options go between the master URL and '--'. GPU executors: add
#   --properties-file deploy/gpu/spark-gpu.conf (and a jar built with -Pcuda).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 1 || "$1" != spark://* ]]; then
  echo "usage: $0 spark://HOST:PORT [spark-submit options] -- <tumbler command> [options]" >&2
  exit 2
fi
MASTER_URL="$1"; shift
exec "$HERE/../spark-submit.sh" --master "$MASTER_URL" --deploy-mode client \
  --conf "spark.executor.memory=${TUMBLER_EXECUTOR_MEMORY:-8g}" \
  --conf "spark.executor.cores=${TUMBLER_EXECUTOR_CORES:-4}" \
  --conf spark.task.maxFailures=8 \
  "$@"
