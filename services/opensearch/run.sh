#!/usr/bin/env bash
# Runs a real OpenSearch 2.19.6 node in the foreground on 127.0.0.1 (dev, tests, the stack):
# a single-node cluster by default, or one member of a cluster with --seed-hosts (below).
#   OPENSEARCH_PORT       HTTP port (default 9200); start fails (exit 3) if it is taken
#   OPENSEARCH_HOME       path.home (default <repo>/.data/opensearch); data in $OPENSEARCH_HOME/data
#   OPENSEARCH_CLUSTER    cluster name (default kennisnetwerk-dev)
#   OPENSEARCH_JAVA_OPTS  extra JVM flags, appended (e.g. -Xmx2g, -Dopensearch.node.loglevel=INFO)
# Extra arguments are passed to the main class:
#   --node-name NAME                 default node-1
#   --transport-port P               default: any free port (fixed one needed in a cluster)
#   --seed-hosts H:P,H:P,...         cluster mode: the transport addresses of all members
#   --initial-cluster-manager-nodes N1,N2,...   the members' names (bootstraps a new cluster)
# A member of a three-node cluster (each node its own OPENSEARCH_HOME and ports):
#   OPENSEARCH_PORT=9211 OPENSEARCH_HOME=.data/stack/opensearch-1 OPENSEARCH_CLUSTER=kn-stack \
#     run.sh --node-name node-1 --transport-port 9311 \
#     --seed-hosts 127.0.0.1:9311,127.0.0.1:9312,127.0.0.1:9313 \
#     --initial-cluster-manager-nodes node-1,node-2,node-3
# Prints "OpenSearch 2.19.6 ready on http://127.0.0.1:PORT ..." on stdout when it is usable.
set -euo pipefail

SELF="${BASH_SOURCE[0]}"; [[ "$SELF" == */* ]] || SELF="./$SELF"
DIR="$(cd "${SELF%/*}" && pwd)"
REPO="$(cd "$DIR/../.." && pwd)"
STAMP="$DIR/target/.build-stamp"

die() { echo "opensearch/run.sh: $*" >&2; exit 1; }

command -v java >/dev/null 2>&1 || die "'java' not found on PATH: install a JDK 17 (Debian: apt-get install -y openjdk-17-jdk-headless)"
command -v mvn  >/dev/null 2>&1 || die "'mvn' not found on PATH: install Maven (Debian: apt-get install -y maven)"

needs_build=0
if [ ! -d "$DIR/target/classes" ] || [ ! -d "$DIR/target/lib" ] || [ ! -f "$STAMP" ]; then
  needs_build=1
elif [ -n "$(find "$DIR/pom.xml" "$DIR/src" -newer "$STAMP" -print -quit)" ]; then
  needs_build=1
fi
if [ "$needs_build" = 1 ]; then
  "$DIR/build.sh"
fi

JAVA_FLAGS=(
  -Xms512m -Xmx1g
  -XX:+UseG1GC
  -XX:-OmitStackTraceInFastThrow
  -Dfile.encoding=UTF-8
  -Djava.awt.headless=true
  -Djava.locale.providers=SPI,COMPAT
  -Djna.nosys=true
  -Dlog4j2.disable.jmx=true
  -Dlog4j.shutdownHookEnabled=false
  -Dopensearch.set.netty.runtime.available.processors=false
  -Dio.netty.noUnsafe=true
  -Dio.netty.noKeySetOptimization=true
  -Dio.netty.recycler.maxCapacityPerThread=0
)
# shellcheck disable=SC2206
EXTRA_FLAGS=(${OPENSEARCH_JAVA_OPTS:-})

exec java "${JAVA_FLAGS[@]}" "${EXTRA_FLAGS[@]}" \
  -cp "$DIR/target/classes:$DIR/target/lib/*" \
  nl.kennisnetwerk.opensearch.OpenSearchNode \
  --port "${OPENSEARCH_PORT:-9200}" \
  --home "${OPENSEARCH_HOME:-$REPO/.data/opensearch}" \
  --cluster-name "${OPENSEARCH_CLUSTER:-kennisnetwerk-dev}" \
  "$@"
