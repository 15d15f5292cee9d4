#!/usr/bin/env bash
# Runs a tumbler command through spark-submit with the jar built for it
# (pipeline-jobs/target/pipeline-jobs-*-spark.jar: everything but Spark, Hadoop and Scala), the
# Java 17 --add-opens flags on driver and executors, and Kryo with ND4J's registrator. The
# per-cluster wrappers (standalone/, yarn/, kubernetes/) call this one.
#
#   deploy/spark-submit.sh --master spark://host:7077 --executor-memory 8g -- \
#       ingest --input s3a://bucket/crawl/ --name web --store s3a://bucket/tumbler-store
#
# Options before '--' go to spark-submit; the rest is the tumbler command line. The jar's manifest
# names the entry point, so no class name appears here.
# Environment:
#   TUMBLER_JAR   the application jar: a path, or a URI the cluster resolves (local:///opt/..., hdfs://...);
#                 default: the built jar, built with 'mvn -DskipTests package' if missing
#   SPARK_SUBMIT  the spark-submit to run (default: $SPARK_HOME/bin/spark-submit, else spark-submit on PATH)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${TUMBLER_JAR:-}"
if [[ -z "$JAR" ]]; then
  JAR="$(ls "$ROOT"/pipeline-jobs/target/pipeline-jobs-*-spark.jar 2>/dev/null | head -1 || true)"
  if [[ -z "$JAR" ]]; then
    echo "building the spark-submit jar (mvn -DskipTests package) ..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package)
    JAR="$(ls "$ROOT"/pipeline-jobs/target/pipeline-jobs-*-spark.jar | head -1)"
  fi
elif [[ "$JAR" != *://* && ! -f "$JAR" ]]; then
  echo "TUMBLER_JAR: no such file: $JAR" >&2
  exit 2
fi
SUBMIT="${SPARK_SUBMIT:-${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit}"

SPARK_ARGS=()
while [[ $# -gt 0 && "$1" != "--" ]]; do SPARK_ARGS+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
if [[ $# -eq 0 ]]; then
  echo "usage: $0 [spark-submit options] -- <tumbler command> [options]" >&2
  exit 2
fi

# The Java 17 --add-opens flags and the idle-native-thread defaults (OMP_WAIT_POLICY,
# OPENBLAS_THREAD_TIMEOUT), shared with ./tumbler. The native-thread settings go to the driver (client
# mode: this environment; cluster mode: the YARN and Kubernetes driver settings) and to the executors.
source "$ROOT/deploy/jvm-env.sh"
OPENS="${JAVA17_OPENS[*]}"
NATIVE_ENV=()
for var in OMP_WAIT_POLICY OPENBLAS_THREAD_TIMEOUT; do
  for prefix in spark.executorEnv spark.yarn.appMasterEnv spark.kubernetes.driverEnv; do
    NATIVE_ENV+=(--conf "$prefix.$var=${!var}")
  done
done

# Ours first: a --conf given by the caller comes later on the line and wins.
exec "$SUBMIT" \
  "${NATIVE_ENV[@]}" \
  --conf "spark.driver.extraJavaOptions=$OPENS" \
  --conf "spark.executor.extraJavaOptions=$OPENS" \
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer \
  --conf spark.kryo.registrator=org.nd4j.kryo.Nd4jRegistrator \
  ${SPARK_ARGS[@]+"${SPARK_ARGS[@]}"} "$JAR" "$@"
