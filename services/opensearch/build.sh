#!/usr/bin/env bash
# Builds the development OpenSearch node: target/classes + target/lib/*.jar (plain classpath).
# Works from any cwd. Used by run.sh, CI and the pytest launcher.
set -euo pipefail

SELF="${BASH_SOURCE[0]}"; [[ "$SELF" == */* ]] || SELF="./$SELF"
DIR="$(cd "${SELF%/*}" && pwd)"
STAMP="$DIR/target/.build-stamp"

die() { echo "opensearch/build.sh: $*" >&2; exit 1; }

command -v java >/dev/null 2>&1 || die "'java' not found on PATH: install a JDK 17 (Debian: apt-get install -y openjdk-17-jdk-headless)"
command -v mvn  >/dev/null 2>&1 || die "'mvn' not found on PATH: install Maven (Debian: apt-get install -y maven)"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
[ -n "$java_major" ] && [ "$java_major" -ge 17 ] || die "OpenSearch 2.19 needs Java 17 or newer; 'java' is version '${java_major:-unknown}'"

# Serialise concurrent builds (e.g. parallel test workers).
mkdir -p "$DIR/target"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DIR/target/.build-lock"
  flock 9
fi

rm -f "$STAMP"
# Maven's output goes to stderr (run.sh's stdout carries only the node's "ready" line), without
# the colour codes Maven 3.8 prints even in batch mode.
mvn -B -q -f "$DIR/pom.xml" ${MVN_ARGS:-} -DskipTests package 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' >&2 \
  || die "maven build failed (needs Maven Central, or a filled ~/.m2 for 'MVN_ARGS=-o')"
# Jars left from an older dependency set must not stay on the classpath. (Jars are never
# rewritten or removed otherwise, so a rebuild does not disturb a node that is running.)
[ -f "$DIR/target/classpath.txt" ] || die "build finished but target/classpath.txt is missing"
tr ':' '\n' < "$DIR/target/classpath.txt" | sed 's#^lib/##' | sort > "$DIR/target/.jars-wanted"
for jar in "$DIR"/target/lib/*.jar; do
  grep -qxF "${jar##*/}" "$DIR/target/.jars-wanted" || { echo "opensearch/build.sh: removing stale ${jar##*/}" >&2; rm -f "$jar"; }
done
[ -f "$DIR/target/lib/opensearch-2.19.6.jar" ] || die "build finished but target/lib/opensearch-2.19.6.jar is missing"
touch "$STAMP"
echo "opensearch/build.sh: built $DIR/target (classes + $(ls "$DIR/target/lib" | wc -l) jars)" >&2
