#!/usr/bin/env bash
# The benchmark of issue 6, in one command, from a fresh clone:
#
#   bench/run.sh            full run (about 40 minutes on 2 cores; the impact part writes about 6 GB under /tmp): writes docs/BENCHMARKS.md
#   bench/run.sh --smoke    seconds per part (CI): fails on any error, writes target/bench/BENCHMARKS-smoke.md
#
# It installs what it lacks (wrk, curl, a JDK 17, from Debian packages; it must run as root for that),
# builds the jar and the JMH benchmarks (./mvnw -Pbench), then measures:
#   1. in-process decisions/s (JMH) for every policy in rules/policies, histories of 5/20/50/500
#      attempts of every kind (mixed, cold, exhausted: bench/src/.../Histories.java), 1 and 2 threads;
#      reload time (compile + swap) of generated policies of 10/100/1,000 rules;
#   2. the packaged service (prod profile, temp data dir, copy of rules/, a free port on 127.0.0.1):
#      POST /v1/decisions (20 attempts, every history kind) beside POST /bench/echo (same body, no
#      rules) at 1 and 32 connections, after a warm-up; a batch of 10,000; failed requests during 20
#      reloads under load; reload latency on a quiet service (a file's change to the first decision
#      that uses it: an edited policy, a new policy, an edited common file); start-up to the first
#      answered decision; RSS at rest and under load;
#   3. the decision log: decisions at 32 connections with its mode off / async / strict in alternating
#      rounds (throughput, p50/p99, RSS, entries written and dropped), and POST /v1/rules/impact over
#      100,000 logged decisions of the longest histories.
# Load only ever goes to 127.0.0.1, and every loop is bounded.
#
# Environment (all optional):
#   BENCH_API_KEY       sent as "Authorization: Bearer <key>" on every request, and given to the service
#                       as its bootstrap key (VOICEMAIL_AUTH_BOOTSTRAP_KEY) when the service has keys
#   BENCH_POLICY        policy for the HTTP part (default: cadence if present, else the first policy)
#   BENCH_LIGHT_POLICY  a second, light policy measured beside it over HTTP (default: always, if present)
#   BENCH_JAVA_OPTS     JVM options for the service (default: scripts/start.sh's own, as shipped; the service
#                       is started through scripts/start.sh, so with the class-data sharing archive when built;
#                       VOICEMAIL_CDS=off builds and starts without it)
#   BENCH_OUT           where the report goes (default docs/BENCHMARKS.md; smoke: target/bench/BENCHMARKS-smoke.md)
#   BENCH_NOTE          a line printed under the report's title (e.g. why the figures are preliminary)
#   BENCH_SKIP_BUILD=1  use the jar and classes already in target/
#   BENCH_REUSE_JAR=1   keep the packaged jar in target/, compile only the benchmarks (CI, right after a build)
#   BENCH_JMH_FROM      a folder of an earlier run's JMH results (decide-1.csv, decide-2.csv, reload.csv): each file
#                       there is used instead of running that part (1 thread: about 25 minutes) after a change off the
#                       in-process path, and a part whose file is absent runs; the report names the parts reused
#   BENCH_LOG_ROUNDS    rounds of the decision log's modes (full run: 2)
#   BENCH_IMPACT_ATTEMPTS  attempts per logged decision in the impact part (default 500, the longest histories)
#   BENCH_IMPACT_COUNT     logged decisions in the impact part (default 100,000; smoke 2,000); judged only at 100,000
#   BENCH_IMPACT_BUDGET    voicemail.decision-log.impact-budget given to the service there (default 600s: measured, not stopped)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

mode=full
[ "${1:-}" = "--smoke" ] && mode=smoke

log() { echo "bench: $*" >&2; }
# keeps what explains a failure (the service's log, its threads) under target/bench/ before the work folder goes
keep_evidence() { # keep_evidence <name>: prints the folder
  local dir="$root/target/bench/evidence-$1-$(date -u +%H%M%S)"
  mkdir -p "$dir"
  [ -n "${work:-}" ] && [ -f "$work/service.log" ] && cp "$work/service.log" "$dir/" 2>/dev/null
  # what was measured so far (JMH CSVs, HTTP and log rows, replies): a failed run's figures are not lost with $work
  if [ -n "${work:-}" ] && [ -d "$work" ]; then
    find "$work" -maxdepth 1 -type f \( -name '*.csv' -o -name '*.txt' -o -name '*.out' -o -name '*.res' \) -size -20M \
      -exec cp {} "$dir/" \; 2>/dev/null || true
  fi
  if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
    jstack -l "$pid" >"$dir/threads.txt" 2>&1 || true
    jstat -gcutil "$pid" >"$dir/gc.txt" 2>&1 || true
    [ -n "${base:-}" ] && curl -sS -m 5 "${auth[@]}" "$base/v1/rules" >"$dir/rules.json" 2>&1 || true
  fi
  echo "$dir"
}
fail() { echo "bench: FAILED: $*" >&2; echo "bench: evidence kept in $(keep_evidence failed)" >&2; exit 1; }

# ---------------------------------------------------------------- tools
need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2"
  apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$2" >/dev/null; } \
    || fail "cannot install $2; install it and run again"
}
need curl curl
need wrk wrk
need jq jq
need javac openjdk-17-jdk-headless

# ---------------------------------------------------------------- settings per mode
if [ $mode = smoke ]; then
  jmh_decide=(-f 0 -wi 0 -i 1 -r 1s -p attempts=20 -p kind=mixed,cold,exhausted)
  jmh_threads=(1); jmh_one_thread=(); jmh_two_threads=()
  jmh_reload=(-f 0 -wi 0 -i 1 -p rules=10)
  warm_s=2; run_s=2; batch_n=200; batch_warm=1; batch_runs=1; reloads=3; latency_edits=3
  log_rounds=1; log_warm_s=2; log_run_s=3; impact_n=2000
  out="${BENCH_OUT:-target/bench/BENCHMARKS-smoke.md}"
else
  # 20 s of warm-up: the JIT settles only after 50-100k decisions, and a cadence past its break-up
  # was still warming after 12 s (2 threads: 7k, 23k, 41k, 37k, 42k/s, then 49-53k); 2 threads at 20 attempts only
  jmh_decide=(-f 1 -p kind=mixed,cold,exhausted)
  jmh_threads=(1 2)
  jmh_one_thread=(-wi 4 -w 3s -i 3 -r 2s) # 72 rows: 6 policies x 4 lengths x 3 kinds
  # 5 measured iterations: with 3, cadence cold gave 38.4k +- 100k (2026-12-04), 63.8k +- 9.5k with 6 the same day
  jmh_two_threads=(-wi 5 -w 4s -i 5 -r 3s -p attempts=20)
  jmh_reload=(-f 1 -wi 2 -i 5)
  # 5 warm-up batches: the JIT still compiles the large-body path (netty buffers, the batch reader,
  # Drools under two threads) for about 50,000 batch decisions after the single-request load (NOTES.md, Batch)
  warm_s=25; run_s=20; batch_n=10000; batch_warm=5; batch_runs=3; reloads=20; latency_edits=20
  # the decision log's cost: rounds of off / async / strict, each from a fresh start (60 s of warm-up)
  # 60 s of warm-up: from a fresh start the service was still speeding up after 60 s of load at 32
  # connections (cadence cold, log off: 4.1k, 7.4k, then 10.0k/s in 30, 30 and 20 s windows)
  log_rounds=2; log_warm_s=60; log_run_s=20; impact_n=100000
  out="${BENCH_OUT:-docs/BENCHMARKS.md}"
fi
log_rounds="${BENCH_LOG_ROUNDS:-$log_rounds}"
impact_attempts="${BENCH_IMPACT_ATTEMPTS:-500}"
impact_n="${BENCH_IMPACT_COUNT:-$impact_n}"
impact_budget="${BENCH_IMPACT_BUDGET:-600s}"
work="$(mktemp -d /tmp/voicemail-bench.XXXXXX)"
mkdir -p "$root/target/bench" "$(dirname "$out")"
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# every /v1 call needs a key: without one given, the run makes its own bootstrap key
BENCH_API_KEY="${BENCH_API_KEY:-bench-bootstrap-key-$RANDOM$RANDOM$RANDOM}"
auth=()
if [ -n "${BENCH_API_KEY:-}" ]; then
  auth=(-H "Authorization: Bearer $BENCH_API_KEY")
  export BENCH_AUTH_NAME=Authorization BENCH_AUTH_VALUE="Bearer $BENCH_API_KEY"
  export VOICEMAIL_AUTH_BOOTSTRAP_KEY="$BENCH_API_KEY"
else
  export BENCH_AUTH_NAME=""
fi

pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# ---------------------------------------------------------------- build
# the code measured: the commit, and whether tracked files differed from it when the build started
commit_built="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$([ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || echo ' (with local changes)')"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  goal=package
  # CI has just packaged the jar (scripts/build.sh): then only the benchmarks are compiled
  [ "${BENCH_REUSE_JAR:-0}" = 1 ] && [ -f target/quarkus-app/quarkus-run.jar ] && goal=test-compile
  log "building the service and the JMH benchmarks ($goal)"
  ./mvnw -B -ntp -q -Pbench -DskipTests $goal dependency:build-classpath >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; fail "build"; }
  if [ $goal = package ] && [ "${VOICEMAIL_CDS:-on}" != off ]; then
    log "class-data sharing archive (scripts/cds.sh, as scripts/build.sh makes it)"
    scripts/cds.sh target/quarkus-app rules >>"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "cds"; }
  fi
fi
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] && [ -f target/bench-classpath.txt ] || fail "no build in target/; run without BENCH_SKIP_BUILD"
cp="$root/target/test-classes:$root/target/classes:$(cat target/bench-classpath.txt)"

policies=()
for f in rules/policies/*.drl; do
  [ -e "$f" ] || continue
  p="$(basename "$f" .drl)"; policies+=("$p")
done
[ ${#policies[@]} -gt 0 ] || fail "no policy in rules/policies"
policy_list="$(IFS=,; echo "${policies[*]}")"
http_policy="${BENCH_POLICY:-}"
if [ -z "$http_policy" ]; then
  http_policy="${policies[0]}"
  for p in "${policies[@]}"; do [ "$p" = cadence ] && http_policy=cadence; done
fi
light_policy="${BENCH_LIGHT_POLICY-always}"
[ -f "rules/policies/$light_policy.drl" ] && [ "$light_policy" != "$http_policy" ] || light_policy=""
log "policies: $policy_list; HTTP part under '$http_policy'${light_policy:+ and '$light_policy'}"

# ---------------------------------------------------------------- 1. in-process (JMH)
jmh() { # jmh <csv> <args...>
  local csv="$1"; shift
  if [ -n "${BENCH_JMH_FROM:-}" ] && [ -f "$BENCH_JMH_FROM/$(basename "$csv")" ]; then # an earlier run's, for a change off the in-process path
    cp "$BENCH_JMH_FROM/$(basename "$csv")" "$csv" || fail "cannot copy $(basename "$csv") from BENCH_JMH_FROM=$BENCH_JMH_FROM"
    jmh_reused+=("$(basename "$csv")")
    return 0
  fi
  java -cp "$cp" -Dbench.rules.dir="$root/rules" org.openjdk.jmh.Main "$@" -foe true -rf csv -rff "$csv" >"$work/jmh.log" 2>&1 \
    || { tail -40 "$work/jmh.log"; fail "JMH $*"; }
}
# the forks run with the service's JVM options (scripts/start.sh's defaults, or BENCH_JAVA_OPTS): the
# collector matters here (cadence past its break-up, 2 threads: 43k/s under JMH's default G1, 50k/s serial)
jmh_jvm="${BENCH_JAVA_OPTS-$(sed -n 's/.*JAVA_OPTS-\([^}]*\)}.*/\1/p' scripts/start.sh)}"
jmh_rows="$work/jmh-decide.txt"; : >"$jmh_rows"
jmh_reused=()
for t in "${jmh_threads[@]}"; do
  log "JMH: decisions/s, $t thread(s)"
  extra=("${jmh_one_thread[@]}"); [ "$t" = 2 ] && extra=("${jmh_two_threads[@]}")
  jmh "$work/decide-$t.csv" "${jmh_decide[@]}" "${extra[@]}" ${jmh_jvm:+-jvmArgsAppend "$jmh_jvm"} -t "$t" \
    -p policy="$policy_list" DecisionBenchmark.decide
  # rows "policy attempts threads score kind", read by the CSV header's names ("Param: kind", ...)
  tr -d '"\r' <"$work/decide-$t.csv" | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next}
    {printf "%s %s %s %.0f %s\n", $c["Param: policy"], $c["Param: attempts"], $c["Threads"], $c["Score"], $c["Param: kind"]}' >>"$jmh_rows"
done
awk '$4 <= 0 {bad=1} END {exit bad}' "$jmh_rows" || fail "a JMH benchmark decided nothing"
log "JMH: reload (compile + swap)"
jmh "$work/reload.csv" "${jmh_reload[@]}" ReloadBenchmark
reload_rows="$(tail -n +2 "$work/reload.csv" | tr -d '"\r' | awk -F, '{printf "%s %.0f\n", $8, $5}')"

# ---------------------------------------------------------------- 2. the service
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  fail "no free port"
}
port="$(free_port)"
mport="$(free_port)"   # the management interface (metrics): a port of its own; port 0 left the start unfinished
base="http://127.0.0.1:$port"
cp -r rules "$work/rules"
mkdir -p "$work/data"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
data_dir="$work/data"
start_service() { # start_service [-Dkey=value...]: the service on $data_dir, with extra settings
  # shellcheck disable=SC2086
  # through scripts/start.sh, as the container runs it (with its class-data sharing archive, if built)
  env ${BENCH_JAVA_OPTS+"JAVA_OPTS=$BENCH_JAVA_OPTS"} APP_JAR="$jar" scripts/start.sh -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" \
    -Dvoicemail.bench.echo=true -Dvoicemail.rules.dir="$work/rules" -Dvoicemail.data.dir="$data_dir" "$@" \
    >>"$work/service.log" 2>&1 &
  pid=$!
}
wait_ready() {
  for _ in $(seq 1 600); do
    curl -fs "$base/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; fail "the service exited at start"; }
    sleep 0.1
  done
  fail "the service was not ready within 60 s"
}
# metric <name>: a value from the management port's /q/metrics (0 when absent)
metric() { curl -fs "http://127.0.0.1:$mport/q/metrics" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 {v = $2} END {printf "%.0f", v + 0}'; }
# wait_log_written <entries> <seconds>: until the log's queue is empty and at least that many entries
# are written or dropped (the writer counts a batch once its transaction ends), then a moment more for
# the decisions still in flight when wrk stopped; false past the bound
wait_log_written() {
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    if [ "$(metric voicemail_decision_log_queued)" = 0 ] \
      && [ $(( $(metric voicemail_decision_log_written_total) + $(metric voicemail_decision_log_dropped_total) )) -ge "$1" ]; then
      sleep 0.5; return 0
    fi
    sleep 0.1
  done
  return 1
}
stop_service() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
api() { curl -sS "${auth[@]}" -H 'Content-Type: application/json' "$@"; }

log "first start (fresh database), creating one client per policy"
t0=$(now_ms); start_service
wait_ready
first_ready_ms=$(( $(now_ms) - t0 ))
for p in "${policies[@]}"; do
  code=$(api -o "$work/put.json" -w '%{http_code}' -X PUT "$base/v1/clients/bench-$p" \
    -d "{\"name\": \"Bench $p\", \"policy\": \"$p\", \"timezone\": \"America/Chicago\"}")
  case "$code" in 2*) ;; *) cat "$work/put.json"; fail "PUT client bench-$p: HTTP $code" ;; esac
done
stop_service
# the database with the clients and nothing logged: each decision-log round starts from a copy of it
cp -r "$work/data" "$work/data-clients"

client="bench-$http_policy"
# the HTTP bodies, 20 attempts: "decision" and "light" are mixed histories, "-cold" and "-exhausted" the other kinds
for kind in mixed cold exhausted; do
  suffix=$([ $kind = mixed ] || echo "-$kind")
  java -cp "$cp" dev.voicemail.bench.Histories decision "$client" 20 "$work/decision$suffix.json" $kind
  [ -z "$light_policy" ] || java -cp "$cp" dev.voicemail.bench.Histories decision "bench-$light_policy" 20 "$work/light$suffix.json" $kind
done
java -cp "$cp" dev.voicemail.bench.Histories batch "$client" 20 "$batch_n" "$work/batch.json"

log "second start: time to the first answered decision"
t0=$(now_ms); start_service
startup_ms=""
for _ in $(seq 1 3000); do
  code=$(api -o "$work/first.json" -w '%{http_code}' "$base/v1/decisions" --data-binary "@$work/decision.json" 2>/dev/null || true)
  if [ "$code" = 200 ]; then startup_ms=$(( $(now_ms) - t0 )); break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; fail "the service exited at start"; }
  sleep 0.01
done
[ -n "$startup_ms" ] || fail "no decision answered within the start-up bound"
grep -q '"action"' "$work/first.json" || { cat "$work/first.json"; fail "the first decision has no action"; }
sleep 2
rss_rest=$(rss_mb)

# wrk_run <label> <path> <connections> <seconds>: prints
# "label conns rps p50 p99 p999 non2xx errors cpu_us requests", where cpu_us is the service's CPU
# time (every thread: event loops, JIT, GC) per answered request; keeps the RSS peak in $rss_peak
http_rows="$work/http.txt"; : >"$http_rows"
rss_peak=0
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
wrk_run() {
  local label="$1" path="$2" conns="$3" secs="$4" res t0 t1
  t0=$(cpu_ticks)
  BENCH_BODY="$work/$label.json" wrk -t 1 -c "$conns" -d "${secs}s" --timeout 5s -s bench/wrk/post.lua \
    "$base$path" >"$work/wrk.out" 2>&1 &
  local wpid=$!
  while kill -0 $wpid 2>/dev/null; do
    local r; r=$(rss_mb 2>/dev/null || echo 0); [ "${r:-0}" -gt "$rss_peak" ] && rss_peak=$r
    sleep 0.5
  done
  wait $wpid || { cat "$work/wrk.out"; fail "wrk $label"; }
  t1=$(cpu_ticks)
  res=$(grep '^RESULT' "$work/wrk.out") || { cat "$work/wrk.out"; fail "wrk printed no result"; }
  echo "$res" | awk -v l="$label" -v c="$conns" -v ticks=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    cpu = v["requests"] > 0 ? ticks * 1e6 / hz / v["requests"] : 0
    printf "%s %s %s %s %s %s %s %s %.0f %s\n", l, c, v["rps"], v["p50_ms"], v["p99_ms"], v["p999_ms"], v["non2xx"],
      v["socket_errors"] + v["timeouts"], cpu, v["requests"] }'
}
http_path() { case "$1" in echo) echo /bench/echo ;; *) echo /v1/decisions ;; esac; }
cp "$work/decision.json" "$work/echo.json"
code=$(api -o /dev/null -w '%{http_code}' "$base/bench/echo" --data-binary "@$work/echo.json")
[ "$code" = 200 ] || fail "POST /bench/echo answered $code"

http_labels=(decision decision-cold decision-exhausted echo)
[ -z "$light_policy" ] || http_labels=(decision decision-cold decision-exhausted light light-cold light-exhausted echo)
log "HTTP warm-up: ${warm_s}s each of ${http_labels[*]} at 32 connections"
for label in "${http_labels[@]}"; do wrk_run $label "$(http_path $label)" 32 "$warm_s" >/dev/null; done
for c in 1 32; do
  for label in "${http_labels[@]}"; do
    log "HTTP: $label at $c connection(s), ${run_s}s"
    wrk_run $label "$(http_path $label)" $c "$run_s" >>"$http_rows"
  done
done
rss_load=$rss_peak
awk '$3 <= 0 || $7 > 0 || $8 > 0 {print "bench: bad HTTP run:", $0; bad=1} END {exit bad}' "$http_rows" \
  || fail "HTTP runs had errors or no throughput"

log "batch of $batch_n"
batch_times=()
for i in $(seq 1 $(( batch_warm + batch_runs ))); do # the first batch_warm runs warm up
  res=$(api -o "$work/batch.out" -w '%{http_code} %{time_total}' "$base/v1/decisions/batch" --data-binary "@$work/batch.json")
  [ "${res%% *}" = 200 ] || { head -c 500 "$work/batch.out"; fail "batch answered ${res%% *}"; }
  n=$(grep -o '"action"' "$work/batch.out" | wc -l)
  [ "$n" = "$batch_n" ] || fail "batch: $n decisions in the answer, expected $batch_n"
  [ "$i" -gt "$batch_warm" ] && batch_times+=("${res#* }")
done
batch_s=$(printf '%s\n' "${batch_times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

log "reload under load: $reloads reloads"
version_of() { api "$base/v1/decisions" --data-binary "@$work/decision.json" | grep -o '"rulesVersion":"[^"]*"' || true; }
reload_code=$(api -o "$work/reload.out" -w '%{http_code}' -X POST "$base/v1/rules/reload" || true)
case "$reload_code" in 2*) reload_how="POST /v1/rules/reload" ;; *) reload_how="rewrite of a rules file (watcher)" ;; esac
touched="$work/rules/policies/$http_policy.drl"
# wrk runs until the reloads are done (SIGINT makes it stop and report), at most 10 minutes
BENCH_BODY="$work/decision.json" wrk -t 1 -c 32 -d 600s --timeout 5s -s bench/wrk/post.lua \
  "$base/v1/decisions" >"$work/wrk-reload.out" 2>&1 &
wpid=$!
sleep 1
swapped=0; reload_ms_list=()
for i in $(seq 1 "$reloads"); do
  before=$(version_of)
  printf '\n// bench reload %s %s\n' "$i" "$(date +%s%N)" >>"$touched"
  r0=$(now_ms)
  if [ "$reload_how" = "POST /v1/rules/reload" ]; then api -o /dev/null -X POST "$base/v1/rules/reload" || true; fi
  for _ in $(seq 1 100); do # up to 10 s for the new version to answer
    [ "$(version_of)" != "$before" ] && { swapped=$((swapped + 1)); reload_ms_list+=($(( $(now_ms) - r0 ))); break; }
    sleep 0.1
  done
  [ $swapped -eq 0 ] && [ "$i" -eq 1 ] && { log "no reload happened: the service has no reload yet"; break; }
  sleep 0.5
done
sleep 1
kill -INT $wpid 2>/dev/null || true
wait $wpid || { cat "$work/wrk-reload.out"; fail "wrk during reloads"; }
reload_res=$(grep '^RESULT' "$work/wrk-reload.out") || { cat "$work/wrk-reload.out"; fail "wrk printed no result"; }
reload_failed=$(echo "$reload_res" | awk '{for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  print v["non2xx"] + v["socket_errors"] + v["timeouts"]}')
reload_requests=$(echo "$reload_res" | sed 's/.*requests=\([0-9]*\).*/\1/')
reload_max_ms=$(printf '%s\n' "${reload_ms_list[@]:-}" | sort -n | tail -1)
[ "$reload_failed" = 0 ] || fail "$reload_failed failed requests during reloads"

# Reload latency on a quiet service: from a file's change (written whole, as an editor saves) to the
# first decision that uses it, polled every 20 ms; $latency_edits edits of each kind.
log "reload latency: $latency_edits edits each of a policy, a new policy, a common file"
latency_rows="$work/latency.txt"; : >"$latency_rows"   # kind ms
sleep 2
for i in $(seq 1 "$latency_edits"); do
  for what in policy new common; do
    case $what in
      policy) file="$work/rules/policies/$http_policy.drl" ;;
      common) file="$work/rules/common/fallback.drl" ;;
      new) file="$work/rules/policies/bench-new-$i.drl" ;;
    esac
    before=$(version_of)
    if [ $what = new ]; then
      sed "s/^package policies\.[A-Za-z0-9_]*;/package policies.benchnew$i;/" "rules/policies/${light_policy:-$http_policy}.drl" >"$work/new.drl"
      r0=$(now_ms); mv "$work/new.drl" "$file"
    else
      { cat "$file"; printf '\n// bench latency %s %s\n' "$i" "$(date +%s%N)"; } >"$work/edit.drl"
      r0=$(now_ms); mv "$work/edit.drl" "$file"
    fi
    took=""
    for _ in $(seq 1 2000); do # up to about a minute (a loaded machine)
      if [ $what = new ]; then
        code=$(api -o /dev/null -w '%{http_code}' -X PUT "$base/v1/clients/bench-new-$i" \
          -d "{\"name\": \"New $i\", \"policy\": \"bench-new-$i\", \"timezone\": \"America/Chicago\"}" || true)
        if [ "${code:0:1}" = 2 ] && sed "s/\"clientId\": *\"[^\"]*\"/\"clientId\":\"bench-new-$i\"/" "$work/decision.json" >"$work/new-decision.json" \
          && [ "$(api -o "$work/new-answer.json" -w '%{http_code}' "$base/v1/decisions" --data-binary "@$work/new-decision.json")" = 200 ] \
          && grep -q "\"policy\":\"bench-new-$i\"" "$work/new-answer.json"; then took=$(( $(now_ms) - r0 )); break; fi
      elif [ "$(version_of)" != "$before" ]; then took=$(( $(now_ms) - r0 )); break; fi
      sleep 0.02
    done
    if [ -z "$took" ]; then # recorded, not fatal: the rest of the run still measures; a hung reload ends the edits
      latency_timeouts="${latency_timeouts:+$latency_timeouts, }$what edit $i (evidence: $(keep_evidence latency | sed "s|^$root/||"))"
      log "reload latency: the $what edit $i was not used within a minute; $latency_timeouts"
      echo "$what 60000" >>"$latency_rows"
      break 2
    fi
    echo "$what $took" >>"$latency_rows"
    sleep 0.5
  done
done
lat() { awk -v k="$1" -v q="$2" '$1 == k {print $2}' "$latency_rows" | sort -n | awk -v q="$2" '{a[NR] = $1}
  END {if (!NR) exit; print (q == "max" ? a[NR] : a[int((NR + 1) / 2)])}'; }
stop_service

# ---------------------------------------------------------------- the decision log: its cost, and impact
# Rounds alternate the modes (off, async, strict, then the reverse order), each on a fresh copy of the
# database with the clients, so that the machine's drift falls on every mode alike. Each round: start,
# warm-up, the measured run at 32 connections, then the log's queue drained and its counters read.
log_rows="$work/log.txt"; : >"$log_rows"   # mode round rps p50 p99 p999 non2xx errors cpu_us answered rss written dropped
log_round() { # log_round <mode> <round>
  local mode="$1" round="$2" line answered written dropped
  rm -rf "$work/data-log"; cp -r "$work/data-clients" "$work/data-log"
  data_dir="$work/data-log"
  start_service -Dvoicemail.decision-log.mode="$mode"
  wait_ready
  log "decision log $mode (round $round): ${log_warm_s}s warm-up, ${log_run_s}s measured at 32 connections"
  # not in $(...): wrk_run keeps the RSS peak in a variable of this shell
  wrk_run decision /v1/decisions 32 "$log_warm_s" >"$work/round.txt"
  answered=$(awk '{print $10}' "$work/round.txt")
  rss_peak=0
  wrk_run decision /v1/decisions 32 "$log_run_s" >"$work/round.txt"
  line=$(cat "$work/round.txt")
  answered=$(( answered + $(awk '{print $10}' <<<"$line") ))
  if [ "$mode" = off ]; then sleep 0.5; else
    wait_log_written "$answered" 120 || log "decision log $mode: not all entries written or dropped within 120 s"
  fi
  written=$(metric voicemail_decision_log_written_total)
  dropped=$(metric voicemail_decision_log_dropped_total)
  # what the log holds, counted through the API (a page of up to 500 proves entries are readable, the counters count them)
  if [ "$mode" != off ]; then
    api -o "$work/listed.json" "$base/v1/decisions?clientId=$client&limit=5"
    grep -q '"decisionId"' "$work/listed.json" || { head -c 500 "$work/listed.json"; fail "GET /v1/decisions lists nothing after a $mode round"; }
    [ $(( written + dropped )) -ge "$answered" ] || fail "decision log $mode: $answered decisions answered, only $written written and $dropped dropped"
  else
    [ "$written" = 0 ] || fail "decision log off, yet $written entries written"
  fi
  echo "$mode $round $(awk '{print $3, $4, $5, $6, $7, $8, $9}' <<<"$line") $answered $rss_peak $written $dropped" >>"$log_rows"
  stop_service
  data_dir="$work/data"
}
for r in $(seq 1 "$log_rounds"); do
  if [ $(( r % 2 )) = 1 ]; then order=(off async strict); else order=(strict async off); fi
  for m in "${order[@]}"; do log_round "$m" "$r"; done
done
awk '$1 != "strict" && ($3 <= 0 || $7 > 0 || $8 > 0) {print "bench: bad decision-log run:", $0; bad=1} END {exit bad}' "$log_rows" \
  || fail "decision-log runs (off, async) had errors or no throughput"

# Impact: $impact_n decisions of $impact_attempts attempts (the benchmark's longest histories: the
# replay's cost grows with them) logged through the batch endpoint, paced so that the queue never
# overflows; once all are written, POST /v1/rules/impact replays them under an edit of the common
# same-day guard. The replay's budget is raised (impact_budget) so that a slow replay is measured, not stopped.
log "impact: logging $impact_n decisions of $impact_attempts attempts"
rm -rf "$work/data-log"; cp -r "$work/data-clients" "$work/data-log"
data_dir="$work/data-log"
start_service -Dvoicemail.decision-log.impact-budget="$impact_budget" -Dvoicemail.decision-log.impact-max="$impact_n"
wait_ready
# batches of at most about 30 MB (the body limit is 64 MB) and 10,000 requests
capacity=10000 # voicemail.decision-log.queue-capacity, as shipped
max_attempts=500000 # voicemail.decision-log.queue-max-attempts, as shipped: an entry weighs its attempts + 1
impact_chunk=$(( 30000000 / (impact_attempts * 110 + 300) )); [ "$impact_chunk" -gt 10000 ] && impact_chunk=10000
[ "$impact_chunk" -gt $(( max_attempts / (impact_attempts + 1) )) ] && impact_chunk=$(( max_attempts / (impact_attempts + 1) ))
[ "$impact_chunk" -gt "$impact_n" ] && impact_chunk=$impact_n
[ "$impact_chunk" -ge 1 ] || impact_chunk=1
java -cp "$cp" dev.voicemail.bench.Histories batch "$client" "$impact_attempts" "$impact_chunk" "$work/impact-batch.json"
impact_from="$(date -u -d '-1 second' +%Y-%m-%dT%H:%M:%SZ)"
s0=$(now_ms); seeded=0
while [ "$seeded" -lt "$impact_n" ]; do
  n=$impact_chunk; [ $(( seeded + n )) -gt "$impact_n" ] && n=$(( impact_n - seeded ))
  body="$work/impact-batch.json"
  if [ "$n" != "$impact_chunk" ]; then
    java -cp "$cp" dev.voicemail.bench.Histories batch "$client" "$impact_attempts" "$n" "$work/impact-last.json"; body="$work/impact-last.json"
  fi
  # room for the whole batch in the queue, so that nothing is dropped
  for _ in $(seq 1 6000); do
    q=$(metric voicemail_decision_log_queued)
    [ $(( q + n )) -le "$capacity" ] && [ $(( (q + n) * (impact_attempts + 1) )) -le "$max_attempts" ] && break; sleep 0.1
  done
  code=$(api -o "$work/impact-seed.out" -w '%{http_code}' "$base/v1/decisions/batch" --data-binary "@$body")
  [ "$code" = 200 ] || { head -c 500 "$work/impact-seed.out"; fail "impact seeding: batch answered $code"; }
  seeded=$(( seeded + n ))
done
wait_log_written "$impact_n" 1200 || fail "the decision log did not write the $impact_n decisions within 20 minutes"
seed_ms=$(( $(now_ms) - s0 ))
impact_written=$(metric voicemail_decision_log_written_total)
impact_dropped=$(metric voicemail_decision_log_dropped_total)
[ "$impact_written" = "$impact_n" ] || fail "impact seeding: $impact_written of $impact_n decisions written ($impact_dropped dropped)"
impact_size_mb=$(du -sm "$work/data-log" | cut -f1)
sed 's/Call( remainingAttemptsToday > 0 )/Call( remainingAttemptsToday > 1 )/' "$work/rules/common/guards.drl" >"$work/guards-edited.drl"
cmp -s "$work/rules/common/guards.drl" "$work/guards-edited.drl" && fail "the impact's edit changed nothing in common/guards.drl"
jq -n --rawfile g "$work/guards-edited.drl" --arg from "$impact_from" --arg to "$(date -u -d '+1 minute' +%Y-%m-%dT%H:%M:%SZ)" \
  --argjson limit "$impact_n" '{files: {"common/guards.drl": $g}, from: $from, to: $to, limit: $limit}' >"$work/impact.json"
log "impact: replaying $impact_n logged decisions under an edit of the same-day guard"
rss_peak=0
api -o "$work/impact.out" -w '%{http_code} %{time_total}' "$base/v1/rules/impact" --data-binary "@$work/impact.json" >"$work/impact.res" &
ipid=$!
while kill -0 $ipid 2>/dev/null; do r=$(rss_mb 2>/dev/null || echo 0); [ "${r:-0}" -gt "$rss_peak" ] && rss_peak=$r; sleep 0.5; done
wait $ipid || true
impact_res=$(cat "$work/impact.res")
impact_wall_s=$(awk '{printf "%.1f", $2}' <<<"$impact_res")
impact_rss=$rss_peak
impact_failed=""
if [ "${impact_res%% *}" != 200 ]; then
  head -c 1000 "$work/impact.out" >&2; echo >&2
  [ $mode = full ] || fail "impact answered ${impact_res%% *}"
  # a full run records an impact that did not finish (with its evidence) and goes on to the report
  impact_failed="answered ${impact_res%% *} after ${impact_wall_s} s ($(jq -r '.message // "?"' "$work/impact.out" 2>/dev/null | head -c 200)); evidence: $(keep_evidence impact)"
  log "impact did not finish: $impact_failed"
  impact_read="?"; impact_replayed="?"; impact_changed="?"; impact_skipped="?"; impact_ms="?"
else
  read -r impact_read impact_replayed impact_changed impact_skipped impact_ms impact_from_log < <(jq -r '"\(.decisionsRead) \(.replayed) \(.changed) \(.skipped) \(.elapsedMs) \(.answersFromLog // 0)"' "$work/impact.out")
  [ "$impact_read" = "$impact_n" ] || fail "impact read $impact_read decisions of $impact_n"
fi
# the service's own split: compiling and trying the candidate, then the replay
impact_line=$(grep 'Impact of candidate' "$work/service.log" | tail -1 || true)
impact_compile_ms=$(sed -n 's/.*compiled and tried in \([0-9]*\) ms.*/\1/p' <<<"$impact_line")
# "... N logged decisions read and M replayed (K of them with their logged answer ...) in T ms on W workers, C changed"
impact_replay_ms=$(sed -n 's/.* in \([0-9]*\) ms on [0-9]* workers.*/\1/p' <<<"$impact_line")
impact_rate=""  # (an `[ ] && awk` substitution that fails would end the run under set -e)
[ -z "$impact_replay_ms" ] || impact_rate=$(awk -v n="$impact_replayed" -v ms="$impact_replay_ms" 'BEGIN {printf "%.0f", (ms > 0 ? n * 1000 / ms : 0)}')
[ -n "$impact_failed" ] || [ "$impact_changed" -gt 0 ] || fail "the impact's edit changed no decision"
stop_service
data_dir="$work/data"

# ---------------------------------------------------------------- the rule author's `test` command
cli_line=$(bench/cli.sh "$([ $mode = smoke ] && echo 1 || echo 5)" | tail -1) || fail "bench/cli.sh failed"
cli_script=$(sed 's/.*script_ms=\([0-9]*\).*/\1/' <<<"$cli_line")
cli_warm=$(sed 's/.* warm_ms=\([0-9]*\).*/\1/' <<<"$cli_line")
cli_cold=$(sed 's/.*cold_ms=\([0-9]*\).*/\1/' <<<"$cli_line")
log "$cli_line"

# ---------------------------------------------------------------- report
get() { awk -v a="$1" -v b="$2" '$1 == a && $2 == b {print $3}' "$http_rows"; }
field() { awk -v a="$1" -v b="$2" -v f="$3" '$1 == a && $2 == b {print $f}' "$http_rows"; }
of_echo() { awk -v d="$(get "$1" "$2")" -v e="$(get echo "$2")" 'BEGIN {printf "%.2f", d / e}'; }
ratio1=$(of_echo decision 1); ratio32=$(of_echo decision 32)
light32=""; light1=""
if [ -n "$light_policy" ]; then light1=$(of_echo light 1); light32=$(of_echo light 32); fi
# the targets apply to the slowest history kind: "<ratio> (<kind>)" over mixed, cold, exhausted
slowest_ratio() { # slowest_ratio <label>: the lowest decision/echo ratio at 32 connections over the kinds
  for k in "" -cold -exhausted; do echo "$(of_echo "$1$k" 32) ${k:+${k#-}}"; done | sort -n | head -1 | awk '{print $1, ($2 == "" ? "mixed" : $2)}'; }
worst_p99() { for k in "" -cold -exhausted; do echo "$(field "$1$k" 32 5) ${k:+${k#-}}"; done | sort -n | tail -1 | awk '{print $1, ($2 == "" ? "mixed" : $2)}'; }
read -r slow_ratio slow_kind < <(slowest_ratio decision) || true
read -r p99_32 p99_kind < <(worst_p99 decision) || true
light_slow_ratio=""; light_slow_kind=""; light_p99=""; light_p99_kind=""
[ -z "$light_policy" ] || { read -r light_slow_ratio light_slow_kind < <(slowest_ratio light) || true; read -r light_p99 light_p99_kind < <(worst_p99 light) || true; }
# in-process, 2 threads, 20 attempts: the slowest policy and kind
read -r inproc_min inproc_min_at < <(awk '$2 == 20 && $3 == 2 {print $4, $1 "/" $5}' "$jmh_rows" | sort -n | head -1) || true
# cost of 500 attempts against 20 (1 thread): the worst policy and kind
read -r growth growth_at < <(awk '$3 == 1 && ($2 == 20 || $2 == 500) {k = $1 " " $5; s[k, $2] = $4; keys[k] = 1}
  END {for (k in keys) if (s[k, 500] > 0 && s[k, 20] > 0) {split(k, kk, " "); printf "%.1f %s/%s\n", s[k, 20] / s[k, 500], kk[1], kk[2]}}' "$jmh_rows" | sort -n | tail -1) || true
lat_policy=$(lat policy median); lat_policy_max=$(lat policy max)
lat_new=$(lat new median); lat_new_max=$(lat new max)
lat_common=$(lat common median); lat_common_max=$(lat common max)
reload1000=$(echo "$reload_rows" | awk '$1 == 1000 {print $2}')
batch_dps=$(awk -v n="$batch_n" -v s="$batch_s" 'BEGIN {printf "%.0f", n / s}')
if [ -n "${BENCH_JAVA_OPTS+set}" ]; then jvm_opts="${BENCH_JAVA_OPTS:-none}"
else jvm_opts="scripts/start.sh's defaults ($(sed -n 's/.*JAVA_OPTS-\([^}]*\)}.*/\1/p' scripts/start.sh))"; fi
verdict() { awk -v v="$1" -v op="$2" -v lim="$3" 'BEGIN { if (v == "") { print "n/a"; exit }
  ok = (op == "<" ? v + 0 < lim + 0 : v + 0 >= lim + 0); print (ok ? "met" : "MISSED") }'; }
batch_n_ok=$([ "$batch_n" = 10000 ] && echo "$batch_s" || echo "")
# the decision log: means over the rounds per mode
log_mean() { awk -v m="$1" -v f="$2" '$1 == m {s += $f; n++} END {if (n) printf "%.3f", s / n}' "$log_rows"; }
log_max() { awk -v m="$1" -v f="$2" '$1 == m && $f > x {x = $f} END {printf "%.0f", x}' "$log_rows"; }
log_sum() { awk -v m="$1" -v f="$2" '$1 == m {s += $f} END {printf "%.0f", s}' "$log_rows"; }
off_rps=$(log_mean off 3); async_rps=$(log_mean async 3); strict_rps=$(log_mean strict 3)
off_p99=$(log_mean off 5); async_p99=$(log_mean async 5); strict_p99=$(log_mean strict 5)
log_ratio=$(awk -v a="$async_rps" -v o="$off_rps" 'BEGIN {printf "%.3f", a / o}')
strict_ratio=$(awk -v a="$strict_rps" -v o="$off_rps" 'BEGIN {printf "%.3f", a / o}')
p99_growth=$(awk -v a="$async_p99" -v o="$off_p99" 'BEGIN {printf "%.3f", a - o}')
log_rss=$(awk '$1 != "off" && $11 > x {x = $11} END {print x + 0}' "$log_rows")
async_answered=$(log_sum async 10); async_written=$(log_sum async 12); async_dropped=$(log_sum async 13)
strict_answered=$(log_sum strict 10); strict_written=$(log_sum strict 12); strict_non2xx=$(log_sum strict 7)
# judged on the full run only: a smoke run's seconds say nothing
judge() { if [ $mode = smoke ]; then echo "not judged (smoke)"; else verdict "$@"; fi; }
impact_full=$([ "$impact_n" = 100000 ] && echo "$impact_wall_s" || echo "")

{
  echo "# Benchmarks"
  echo
  if [ $mode = smoke ]; then echo "**Smoke run** (seconds per part; the figures mean nothing): proves the benchmark runs."; echo; fi
  if [ -n "${BENCH_NOTE:-}" ]; then echo "**$BENCH_NOTE**"; echo; fi
  if [ ${#jmh_reused[@]} -gt 0 ]; then echo "**In section 1 (JMH), $(IFS=,; echo "${jmh_reused[*]}" | sed 's/,/, /g') are an earlier run's results (BENCH_JMH_FROM=$BENCH_JMH_FROM), measured on the same machine with the same settings; the rest was measured in this run.**"; echo; fi
  echo "- Command: \`bench/run.sh${1:+ $1}\`${BENCH_JAVA_OPTS+ with BENCH_JAVA_OPTS=\"$BENCH_JAVA_OPTS\"}; service JVM options: $jvm_opts"
  echo "- Date: $started_at; commit $commit_built"
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) memory; load average before the run: $load_before"
  echo "- Java: $(java -version 2>&1 | head -1); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') on the same machine, 1 thread"
  echo "- Policies: $policy_list; HTTP part under \`$http_policy\` with a 20-attempt history"
  echo
  echo "## Targets"
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  # issue 16: cadence ≥ 60% of echo, always ≥ 75%, for the slowest history kind
  http_min=$([ "$http_policy" = cadence ] && echo 0.60 || echo 0.75)
  echo "| decision ≥ $(awk -v m="$http_min" 'BEGIN {print m * 100}')% of echo (32 connections), \`$http_policy\`, slowest history kind | ${slow_ratio} (${slow_kind}; mixed: ${ratio32}, 1 connection: ${ratio1}) | $(verdict "$slow_ratio" '>=' "$http_min") |"
  [ -z "$light_policy" ] || echo "| decision ≥ 75% of echo, \`$light_policy\`, slowest history kind | ${light_slow_ratio} (${light_slow_kind}; mixed: ${light32}, 1 connection: ${light1}) | $(verdict "$light_slow_ratio" '>=' 0.75) |"
  echo "| p99 < 5 ms at 32 connections, \`$http_policy\`, every history kind | ${p99_32} ms (${p99_kind}) | $(verdict "$p99_32" '<' 5) |"
  [ -z "$light_policy" ] || echo "| the same, \`$light_policy\` | ${light_p99} ms (${light_p99_kind}) | $(verdict "$light_p99" '<' 5) |"
  echo "| ≥ 50,000 decisions/s in-process, 20 attempts, 2 threads, every policy and history kind | ${inproc_min:-1 thread only} (slowest: ${inproc_min_at:-}) | $(verdict "$inproc_min" '>=' 50000) |"
  echo "| cost grows about linearly: 500 attempts ≤ 30× the cost of 20 (1 thread) | ${growth:-n/a}× (worst: ${growth_at:-smoke measures 20 only}) | $(verdict "${growth:+$(awk -v g="$growth" 'BEGIN {print 30 - g}')}" '>=' 0) |"
  echo "| an edited policy decides within 1 s (median of $latency_edits) | ${lat_policy} ms (max ${lat_policy_max})${latency_timeouts:+; an edit was not used within a minute (section 4)} | $(judge "$(awk -v m="$lat_policy" 'BEGIN {print m / 1000}')" '<' 1) |"
  echo "| a new policy decides within 1 s (median of $latency_edits) | ${lat_new} ms (max ${lat_new_max})${latency_timeouts:+; an edit was not used within a minute (section 4)} | $(judge "$(awk -v m="$lat_new" 'BEGIN {print m / 1000}')" '<' 1) |"
  echo "| an edited common file decides within 3 s (median of $latency_edits) | ${lat_common} ms (max ${lat_common_max})${latency_timeouts:+; an edit was not used within a minute (section 4)} | $(judge "$(awk -v m="$lat_common" 'BEGIN {print m / 1000}')" '<' 3) |"
  echo "| batch of 10,000 < 1 s | ${batch_s} s for $batch_n (${batch_dps}/s) | $(verdict "$batch_n_ok" '<' 1) |"
  echo "| reload of 1,000 rules < 3 s | $([ -n "$reload1000" ] && echo "$reload1000 ms" || echo "not measured") | $(verdict "${reload1000:+$(awk -v m="$reload1000" 'BEGIN {print m / 1000}')}" '<' 3) |"
  echo "| 0 failed requests during $reloads reloads | $reload_failed failed of $reload_requests; $swapped reloads swapped ($reload_how) | $( [ "$swapped" -gt 0 ] && verdict "$reload_failed" '<' 1 || echo "n/a: no reload" ) |"
  echo "| start-up to first decision < 1 s | ${startup_ms} ms | $(verdict "$startup_ms" '<' 1000) |"
  echo "| \`scripts/rules.sh test rules/\` (shipped suite) < 3 s wall | ${cli_script} ms (C1 only, serial GC, class-data sharing; compiled policies cached); plain \`java -jar … test rules/\` ${cli_warm} ms cached, ${cli_cold} ms compiling all (bench/cli.sh) | $(judge "$(awk -v m="$cli_script" 'BEGIN {print m / 1000}')" '<' 3) |"
  echo "| RSS < 200 MB under load | ${rss_load} MB (at rest ${rss_rest} MB) | $(verdict "$rss_load" '<' 200) |"
  echo "| decision log on (async) ≥ 90% of off, 32 connections, \`$http_policy\` | ${log_ratio} ($(printf "%.0f" "$async_rps") against $(printf "%.0f" "$off_rps") req/s, mean of $log_rounds round(s) each) | $(judge "$log_ratio" '>=' 0.90) |"
  echo "| p99 with the log on grows < 1 ms | +${p99_growth} ms (${async_p99} against ${off_p99} ms) | $(judge "$(awk -v g="$p99_growth" 'BEGIN {print g < 0 ? 0 : g}')" '<' 1) |"
  echo "| RSS < 200 MB with the log on | ${log_rss} MB (peak, async and strict rounds) | $(judge "$log_rss" '<' 200) |"
  echo "| the log keeps up: nothing dropped at that load (async) | ${async_written} written, ${async_dropped} dropped of ${async_answered} answered | $(judge "$async_dropped" '<' 1) |"
  echo "| impact over 100,000 logged decisions < 30 s | $(if [ -n "$impact_failed" ]; then echo "not finished: ${impact_failed%%; evidence*}"; else echo "${impact_wall_s} s for ${impact_n} decisions of ${impact_attempts} attempts (${impact_changed} changed)"; fi) | $(if [ $mode = smoke ]; then echo "not judged (smoke)"; elif [ -n "$impact_failed" ]; then echo "MISSED"; else verdict "$impact_full" '<' 30; fi) |"
  echo
  echo "## 1. In-process decisions per second (JMH, \`DecisionService.decide\`, facts in, decision out)"
  echo
  echo "JMH settings: \`${jmh_decide[*]}\`${jmh_one_thread[*]:+, 1 thread \`${jmh_one_thread[*]}\`}${jmh_two_threads[*]:+, 2 threads \`${jmh_two_threads[*]}\`}; $([ $mode = smoke ] && echo "in the JMH process itself (no fork)" || echo "each fork with the service's JVM options: \`${jmh_jvm:-none}\`")."
  echo
  echo "Histories (bench/src/.../Histories.java): **mixed** (calls, 12% connected, e-mails, texts, visits, some inbound), **cold** (outbound calls only, none answered, up to three voicemails: a sequence under way), **exhausted** (a cold sequence past its break-up voicemail, then unanswered calls)."
  echo
  echo "| policy | attempts | threads | mixed/s | cold/s | exhausted/s |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk '{k = $1 " " $2 " " $3; v[k, $5] = $4; keys[k] = 1} END {for (k in keys) print k, v[k, "mixed"] + 0, v[k, "cold"] + 0, v[k, "exhausted"] + 0}' "$jmh_rows" \
    | sort -k1,1 -k2,2n -k3,3n | awk '{printf "| %s | %s | %s | %\047d | %\047d | %\047d |\n", $1, $2, $3, $4, $5, $6}'
  echo
  echo "Reload (JMH \`ReloadBenchmark\`: read, compile and swap a generated policy plus the common files):"
  echo
  echo "| rules | ms per reload |"
  echo "|---:|---:|"
  echo "$reload_rows" | awk 'NF {printf "| %\047d | %\047d |\n", $1, $2}'
  echo
  echo "## 2. HTTP (packaged jar, prod profile, loopback; wrk ${run_s} s per row after ${warm_s} s + ${warm_s} s of warm-up)"
  echo
  echo "| endpoint | connections | req/s | p50 ms | p99 ms | p99.9 ms | non-2xx | socket errors | service CPU µs/request |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -v hp="$http_policy" -v lp="$light_policy" '{
    split($1, l, "-"); kind = (l[2] == "" ? "mixed" : l[2])
    p = (l[1] == "decision" ? "POST /v1/decisions (" hp ", " kind ")" : l[1] == "light" ? "POST /v1/decisions (" lp ", " kind ")" : "POST /bench/echo")
    printf "| %s | %s | %\047.0f | %s | %s | %s | %s | %s | %s |\n", p, $2, $3, $4, $5, $6, $7, $8, $9}' "$http_rows"
  echo
  echo "Decision / echo throughput: ${ratio1} at 1 connection, ${ratio32} at 32 (\`$http_policy\`)${light_policy:+; ${light1} and ${light32} (\`$light_policy\`)}."
  echo "Service CPU per request is the JVM's whole CPU time (all threads, JIT and GC included) over the run, divided by the requests answered."
  echo
  echo "## 3. Batch"
  echo
  echo "\`POST /v1/decisions/batch\` with $batch_n requests of 20 attempts ($(du -k "$work/batch.json" | cut -f1) KB): median of $batch_runs after $batch_warm warm-up batch(es): **${batch_s} s**, ${batch_dps} decisions/s (runs: ${batch_times[*]})."
  echo
  echo "## 4. Reload under load"
  echo
  echo "$reloads reloads by $reload_how while wrk sent decisions at 32 connections: $swapped swapped (new \`rulesVersion\` answered, at most ${reload_max_ms:-?} ms after the change), **$reload_failed failed** of $reload_requests requests."
  echo
  echo "Reload latency on a quiet service, from a file's change (written whole, as an editor saves it) to the first decision that uses it, polled every 20 ms, $latency_edits edits each:"
  echo
  echo "| change | median ms | max ms |"
  echo "|---|---:|---:|"
  echo "| an edited policy (\`$http_policy.drl\`) | ${lat_policy} | ${lat_policy_max} |"
  echo "| a new policy (a copy of \`${light_policy:-$http_policy}.drl\`; first client PUT and decision on it) | ${lat_new} | ${lat_new_max} |"
  echo "| an edited common file (\`common/fallback.drl\`: every policy recompiles) | ${lat_common} | ${lat_common_max} |"
  echo
  [ -z "${latency_timeouts:-}" ] || { echo "**Not used within a minute, so the edits stopped there (60000 ms recorded):** $latency_timeouts."; echo; }
  echo "## 5. Start-up and memory"
  echo
  echo "- Process start to first answered decision (existing database, client read from it): **${startup_ms} ms**"
  echo "- Process start to ready on a fresh database (Flyway creates the schema): ${first_ready_ms} ms"
  echo "- RSS (VmRSS) at rest after the first decision: ${rss_rest} MB; peak sampled under load: ${rss_load} MB"
  echo
  echo "## 6. The decision log"
  echo
  echo "Its cost on the decision path: \`POST /v1/decisions\` (\`$http_policy\`, 20 attempts) at 32 connections with \`voicemail.decision-log.mode\` off, async (the default) and strict (reported, not judged), each round from a fresh start on a copy of the database with the clients (H2, as shipped), ${log_warm_s} s of warm-up then ${log_run_s} s measured; the modes alternate (off, async, strict, then the reverse). Written and dropped are the service's counters after the queue drained (\`voicemail_decision_log_written_total\`, \`voicemail_decision_log_dropped_total\`), over the whole round; answered counts the warm-up too (wrk's count; up to 32 requests in flight at the end are answered but not counted)."
  echo
  echo "| mode | round | req/s | p50 ms | p99 ms | p99.9 ms | non-2xx | service CPU µs/request | RSS peak MB | answered | written | dropped |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk '{printf "| %s | %s | %\047.0f | %s | %s | %s | %s | %s | %s | %\047d | %\047d | %\047d |\n", $1, $2, $3, $4, $5, $6, $7, $9, $11, $10, $12, $13}' "$log_rows"
  echo
  echo "Means: off $(printf "%.0f" "$off_rps") req/s, p99 ${off_p99} ms; async $(printf "%.0f" "$async_rps") req/s (${log_ratio} of off), p99 ${async_p99} ms; strict $(printf "%.0f" "$strict_rps") req/s (${strict_ratio} of off), p99 ${strict_p99} ms, ${strict_non2xx} non-2xx, ${strict_written} written of ${strict_answered} answered."
  echo
  [ -z "$impact_failed" ] || { echo "**Impact did not finish:** $impact_failed. The figures below are what the request returned."; echo; }
  echo "**Impact** (\`POST /v1/rules/impact\`): ${impact_n} decisions of ${impact_attempts} attempts each (\`Histories\`, the benchmark's longest histories; a replay's cost grows with them) logged through \`POST /v1/decisions/batch\` in batches of ${impact_chunk}, paced on the queue so that nothing was dropped: ${impact_written} written, ${impact_dropped} dropped, $(awk -v ms="$seed_ms" 'BEGIN {printf "%.1f", ms / 1000}') s from the first batch to the last row written; the data directory then held ${impact_size_mb} MB. The edit: the common same-day guard waits only while two or more attempts remain (\`remainingAttemptsToday > 1\`). Read ${impact_read}, replayed ${impact_replayed}, **${impact_changed} changed**, ${impact_skipped} skipped; **${impact_wall_s} s** wall time for the request (the service's own \`elapsedMs\`: ${impact_ms} ms, of which compiling and trying the candidate ${impact_compile_ms:-?} ms, all six policies as the edit is in a common file, and the replay ${impact_replay_ms:-?} ms: ${impact_rate:-?} logged decisions/s, each decided under the candidate, and under the loaded rules only where its logged answer does not stand for theirs: ${impact_from_log:-?} of them did); RSS peak during it ${impact_rss} MB. The bench sets \`voicemail.decision-log.impact-max=${impact_n}\` and \`voicemail.decision-log.impact-budget=${impact_budget}\` (shipped: 100,000 and 60 s), so that a slow replay is measured rather than stopped."
  if [ -f bench/NOTES.md ]; then echo; cat bench/NOTES.md; fi
} >"$out"
cat "$out"
log "report written to $out"
