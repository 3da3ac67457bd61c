#!/usr/bin/env bash
# Builds a class-data sharing archive (AppCDS, JDK 17 dynamic archive) for the packaged service:
#   scripts/cds.sh [quarkus-app dir] [rules dir]      (defaults: target/quarkus-app, rules)
# writes <quarkus-app dir>/app-cds.jsa, which scripts/start.sh uses when it is newer than the jar.
# The JVM then maps the classes a start-up loads (JDK, Quarkus, Drools: about 7,600) instead of
# reading, parsing and verifying them again. Two training starts on a throw-away data directory, each
# stopping once started (voicemail.exit-after-start): the first compiles the rules and fills the
# compiled-rules cache, the second loads them from it, as a restart does, and records its classes.
# The archive is only valid for this JVM and this jar at this path: rebuild it when either changes
# (scripts/build.sh does; a mismatch makes the JVM start without it, after a warning).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
app="$(cd "${1:-$here/target/quarkus-app}" && pwd)"
rules="$(cd "${2:-$here/rules}" && pwd)"
jar="$app/quarkus-run.jar"
[ -f "$jar" ] || { echo "cds: no $jar; build first" >&2; exit 1; }
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
train() {
  java "$@" -Dvoicemail.exit-after-start=true -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 -Dquarkus.management.port=0 \
    -Dvoicemail.rules.dir="$rules" -Dvoicemail.data.dir="$data" \
    -jar "$jar" >"$data/train.log" 2>&1 || { cat "$data/train.log"; echo "cds: the training start failed" >&2; exit 1; }
}
rm -f "$app/app-cds.jsa"
train
train -XX:ArchiveClassesAtExit="$app/app-cds.jsa" -Xlog:cds=error
[ -f "$app/app-cds.jsa" ] || { cat "$data/train.log"; echo "cds: no archive written" >&2; exit 1; }
echo "built $app/app-cds.jsa ($(( $(stat -c %s "$app/app-cds.jsa") / 1048576 )) MB)"
