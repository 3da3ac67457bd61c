#!/usr/bin/env bash
# Starts the service on its embedded defaults: rules from ./rules, clients in an H2 file database
# under ./data. Builds first when run from a checkout that has not been built. The Dockerfile's run
# step runs this too, with APP_JAR, VOICEMAIL_RULES_DIR and VOICEMAIL_DATA_DIR set.
# Any argument is passed to java before -jar (e.g. -Dquarkus.http.port=9090).
# When scripts/cds.sh has built a class-data sharing archive next to the jar (scripts/build.sh does),
# the JVM maps the classes a start-up loads from it: a faster start. VOICEMAIL_CDS=off starts without.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="${APP_JAR:-$here/target/quarkus-app/quarkus-run.jar}"
if [ ! -f "$jar" ]; then
  # stderr, so that a caller reading the service's output is not confused; the build is silent otherwise
  echo "start.sh: no built service at $jar; building it first (scripts/build.sh, about a minute the first time)" >&2
  if ! "$here/scripts/build.sh" >&2; then
    echo "start.sh: the build failed (its messages are above); nothing was started" >&2
    exit 1
  fi
  echo "start.sh: built; starting the service" >&2
fi
if [ -z "${APP_JAR:-}" ]; then
  cd "$here"   # rules/ and data/ resolve against the checkout
fi
cds=()
archive="$(dirname "$jar")/app-cds.jsa"
# only an archive built after the jar: an older one describes other classes (the JVM would refuse it)
if [ "${VOICEMAIL_CDS:-on}" != off ] && [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  cds=(-XX:SharedArchiveFile="$archive")
fi
# Memory: the serial collector and a 160 MB heap keep the process under 300 MB RSS under load
# (docs/BENCHMARKS.md); the live heap after a collection is about 20 MB. JAVA_OPTS, when set (even
# empty), replaces these defaults.
# shellcheck disable=SC2086
exec java "${cds[@]}" ${JAVA_OPTS--XX:+UseSerialGC -Xmx160m} "$@" -jar "$jar"
