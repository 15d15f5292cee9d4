#!/usr/bin/env bash
# Runs a tumbler command on Kubernetes (cluster mode: the driver runs in a pod and starts executor
# pods). The image is built from deploy/kubernetes/Dockerfile and holds the jar at
# /opt/tumbler/tumbler-spark.jar and the presets under /opt/tumbler/conf.
#
#   TUMBLER_IMAGE=registry.example.com/tumbler:0.1.0 deploy/kubernetes/submit.sh https://k8s-api:6443 -- \
#       ingest --input s3a://bucket/crawl/ --name web --store s3a://bucket/tumbler-store
#
# Environment: TUMBLER_IMAGE (required), TUMBLER_NAMESPACE (default tumbler), TUMBLER_SERVICE_ACCOUNT
# (default tumbler-spark, see rbac.yaml), TUMBLER_EXECUTOR_MEMORY (8g), TUMBLER_EXECUTOR_CORES (4),
# TUMBLER_NUM_EXECUTORS (4). The store must be on S3/HDFS or a volume every pod mounts. Lost executor
# pods are replaced by Spark and their tasks retried. GPU executors: add
#   --properties-file deploy/gpu/spark-gpu.conf --conf spark.kubernetes.executor.podTemplateFile=deploy/kubernetes/gpu-executor-pod.yaml
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 1 || "$1" != http* ]]; then
  echo "usage: $0 https://K8S-API-SERVER[:PORT] [spark-submit options] -- <tumbler command> [options]" >&2
  exit 2
fi
: "${TUMBLER_IMAGE:?set TUMBLER_IMAGE to the image built from deploy/kubernetes/Dockerfile}"
API="$1"; shift
TUMBLER_JAR="${TUMBLER_JAR:-local:///opt/tumbler/tumbler-spark.jar}" exec "$HERE/../spark-submit.sh" \
  --master "k8s://$API" --deploy-mode cluster --name tumbler \
  --conf "spark.kubernetes.container.image=$TUMBLER_IMAGE" \
  --conf "spark.kubernetes.namespace=${TUMBLER_NAMESPACE:-tumbler}" \
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${TUMBLER_SERVICE_ACCOUNT:-tumbler-spark}" \
  --conf "spark.executor.memory=${TUMBLER_EXECUTOR_MEMORY:-8g}" \
  --conf "spark.executor.cores=${TUMBLER_EXECUTOR_CORES:-4}" \
  --conf "spark.executor.instances=${TUMBLER_NUM_EXECUTORS:-4}" \
  --conf spark.task.maxFailures=8 \
  "$@"
