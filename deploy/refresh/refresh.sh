#!/usr/bin/env bash
# One scheduled corpus refresh: spark-submits 'tumbler refresh' through the wrapper of the chosen
# cluster manager. New input files since the newest snapshot are ingested into corpus/NAME/vN+1;
# with none, nothing is published and the exit status is still 0. Used by tumbler-refresh.cron and
# ../kubernetes/refresh-cronjob.yaml.
#
# Environment:
#   TUMBLER_DEPLOY           standalone | yarn | kubernetes (default standalone)
#   TUMBLER_MASTER           spark://host:7077 (standalone) or https://api-server (kubernetes); unused for yarn
#   TUMBLER_REFRESH_INPUT    input URIs, space-separated (required)
#   TUMBLER_REFRESH_CORPUS   corpus name (required)
#   TUMBLER_STORE            the artifact store URI (required: hdfs:// or s3a:// on a real cluster)
#   TUMBLER_REFRESH_LOCK     lock file that keeps two refreshes from overlapping (default /tmp/tumbler-refresh-NAME.lock)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${TUMBLER_REFRESH_INPUT:?set TUMBLER_REFRESH_INPUT to the input URIs}"
: "${TUMBLER_REFRESH_CORPUS:?set TUMBLER_REFRESH_CORPUS to the corpus name}"
: "${TUMBLER_STORE:?set TUMBLER_STORE to the artifact store URI}"
read -r -a INPUTS <<< "$TUMBLER_REFRESH_INPUT"
COMMAND=(refresh --input "${INPUTS[@]}" --corpus "$TUMBLER_REFRESH_CORPUS" --store "$TUMBLER_STORE")

case "${TUMBLER_DEPLOY:-standalone}" in
  standalone) SUBMIT=("$HERE/../standalone/submit.sh" "${TUMBLER_MASTER:?set TUMBLER_MASTER=spark://host:7077}") ;;
  yarn)       SUBMIT=("$HERE/../yarn/submit.sh") ;;
  kubernetes) SUBMIT=("$HERE/../kubernetes/submit.sh" "${TUMBLER_MASTER:?set TUMBLER_MASTER=https://api-server}") ;;
  *) echo "TUMBLER_DEPLOY must be standalone, yarn or kubernetes, got '$TUMBLER_DEPLOY'" >&2; exit 2 ;;
esac

LOCK="${TUMBLER_REFRESH_LOCK:-/tmp/tumbler-refresh-$TUMBLER_REFRESH_CORPUS.lock}"
exec 9>"$LOCK"
if ! flock -n 9; then
  echo "$(date -u +%FT%TZ) refresh of $TUMBLER_REFRESH_CORPUS already running (lock $LOCK); skipping" >&2
  exit 0
fi
echo "$(date -u +%FT%TZ) refresh of corpus/$TUMBLER_REFRESH_CORPUS from ${INPUTS[*]}" >&2
"${SUBMIT[@]}" -- "${COMMAND[@]}"
