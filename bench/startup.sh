#!/usr/bin/env bash
# Start-up to the first answered decision, measured alone, the way bench/run.sh measures it: a first
# start creates the database and one client, then each run starts the packaged jar (prod profile) on
# that data directory and posts a 20-attempt decision every 10 ms until one is answered 200.
#
#   bench/startup.sh [runs]     (default 5; needs a built jar and bench classes: bench/run.sh builds both,
#                                or ./mvnw -Pbench -DskipTests package dependency:build-classpath)
#
# It starts the service through scripts/start.sh, as bench/run.sh does (so with the class-data sharing
# archive when scripts/cds.sh built one; VOICEMAIL_CDS=off starts without).
# Environment: BENCH_JAVA_OPTS (JVM options, as bench/run.sh), STARTUP_FRESH_CACHE=1 (delete the
# compiled-rules cache before each run, to measure a start that compiles), STARTUP_SHOW_LOG=1.
# Prints one line per run: total ms, and the service log's own phases.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
runs="${1:-5}"
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] && [ -f target/bench-classpath.txt ] || { echo "build first (see the header)" >&2; exit 1; }
cp="$root/target/test-classes:$root/target/classes:$(cat target/bench-classpath.txt)"
work="$(mktemp -d /tmp/voicemail-startup.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
key="startup-key-$RANDOM$RANDOM$RANDOM"
export VOICEMAIL_AUTH_BOOTSTRAP_KEY="$key"
port=$(( 20000 + RANDOM % 40000 ))
mport=$(( port + 1 ))
base="http://127.0.0.1:$port"
cp -r rules "$work/rules"; mkdir -p "$work/data"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
start_service() {
  # shellcheck disable=SC2086
  env ${BENCH_JAVA_OPTS+"JAVA_OPTS=$BENCH_JAVA_OPTS"} APP_JAR="$jar" scripts/start.sh -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" \
    -Dvoicemail.rules.dir="$work/rules" -Dvoicemail.data.dir="$work/data" >"$work/service.log" 2>&1 &
  pid=$!
}
stop_service() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; }
# CPU time (user + system) the service has used so far: less sensitive than wall time to other work on the machine
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat"; }
api() { curl -sS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }

start_service
for _ in $(seq 1 600); do curl -fs "$base/q/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
code=$(api -o /dev/null -w '%{http_code}' -X PUT "$base/v1/clients/bench-cadence" \
  -d '{"name": "Bench cadence", "policy": "cadence", "timezone": "America/Chicago"}')
[ "$code" = 200 ] || [ "$code" = 201 ] || { cat "$work/service.log"; echo "PUT client: $code" >&2; exit 1; }
stop_service
java -cp "$cp" dev.voicemail.bench.Histories decision bench-cadence 20 "$work/decision.json"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
all=()
for r in $(seq 1 "$runs"); do
  [ "${STARTUP_FRESH_CACHE:-0}" = 1 ] && rm -rf "$work/data/rules-cache"
  t0=$(now_ms); start_service
  ms=""
  for _ in $(seq 1 3000); do
    code=$(api -o "$work/first.json" -w '%{http_code}' "$base/v1/decisions" --data-binary "@$work/decision.json" 2>/dev/null || true)
    if [ "$code" = 200 ]; then ms=$(( $(now_ms) - t0 )); cpu=$(cpu_ms); break; fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; exit 1; }
    sleep 0.01
  done
  grep -q '"action"' "$work/first.json" || { cat "$work/first.json"; exit 1; }
  all+=("$ms")
  sleep 2; rss=$(awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  # the service's own phases, from its log (HH:MM:SS,mmm): its first line, rules loaded, started
  phases=$(awk -v t0="$(( t0 % 86400000 ))" -v t1="$(( (t0 + ms) % 86400000 ))" '
    function t(s) { split(s, a, /[:,]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    /^[0-9-]+ [0-9:,]+/ && first == "" { first = t($2) }
    /Loaded rules/ && rules == "" { rules = t($2) }
    /started in/ && started == "" { started = t($2); match($0, /started in [0-9.]+s/); qs = substr($0, RSTART + 11, RLENGTH - 12) }
    END { printf "start->first log line %d ms, ->rules loaded %d ms, ->started %d ms, ->answered %d ms; quarkus says %ss",
          first - t0, rules - first, started - rules, t1 - started, qs }
  ' "$work/service.log")
  echo "run $r: ${ms} ms, cpu ${cpu} ms, rss 2 s later ${rss} MB  ($phases; load $(cut -d' ' -f1 /proc/loadavg))"
  [ "${STARTUP_SHOW_LOG:-0}" = 1 ] && cat "$work/service.log"
  stop_service
done
printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms, min %d, max %d over %d runs\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
