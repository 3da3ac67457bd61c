#!/usr/bin/env bash
# The rule author's commands, as a short-lived JVM should run them: `scripts/rules.sh test rules/`,
# `scripts/rules.sh validate rules/`, `scripts/rules.sh help`. The same as `java -jar … <command>`,
# with JVM options for a run of a few seconds:
# - the C1 compiler only: the C2 compiler's work does not pay back before the run ends, and on 2 cores
#   it competes with the run itself; and the serial collector;
# - class-data sharing: the first run writes an archive of the classes it loaded next to the jar
#   (cli-cds.jsa), later runs map them instead of loading them again (RULES_CDS=off: without).
# bench/cli.sh measures both this and the plain `java -jar` (docs/BENCHMARKS.md). Builds first when
# the jar is missing, as start.sh does.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="${APP_JAR:-$here/target/quarkus-app/quarkus-run.jar}"
if [ ! -f "$jar" ]; then
  echo "rules.sh: no built service at $jar; building it first (scripts/build.sh, about a minute the first time)" >&2
  "$here/scripts/build.sh" >&2
fi
cds=()
archive="$(dirname "$jar")/cli-cds.jsa"
if [ "${RULES_CDS:-on}" != off ]; then
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
    cds=(-XX:SharedArchiveFile="$archive")
  elif [ -w "$(dirname "$jar")" ]; then
    # an archive older than the jar describes other classes; writing one, the JVM's notes about classes it
    # leaves out would go to standard output, among the command's own
    cds=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
fi
# shellcheck disable=SC2086
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "${cds[@]}" ${RULES_JAVA_OPTS:-} -jar "$jar" "$@"
