#!/usr/bin/env bash
# The benchmark of issue 6, in one command, from a fresh clone:
#
#   bench/run.sh            full run (about 25 minutes on 2 cores): writes docs/BENCHMARKS.md
#   bench/run.sh --smoke    seconds per part (CI): fails on any error, writes target/bench/BENCHMARKS-smoke.md
#
# It installs what it lacks (wrk, curl, a JDK 17, from Debian packages; it must run as root for that),
# builds the jar and the JMH benchmarks (./mvnw -Pbench), then measures:
#   1. in-process decisions/s (JMH) for every policy in rules/policies, histories of 5/20/50/500
#      attempts, 1 and 2 threads; reload time (compile + swap) of generated policies of 10/100/1,000 rules;
#   2. the packaged service (prod profile, temp data dir, copy of rules/, a free port on 127.0.0.1):
#      POST /v1/decisions (20 attempts) beside POST /bench/echo (same body, no rules) at 1 and 32
#      connections, after a warm-up; a batch of 10,000; failed requests during 20 reloads under load;
#      start-up to the first answered decision; RSS at rest and under load.
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
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

mode=full
[ "${1:-}" = "--smoke" ] && mode=smoke

log() { echo "bench: $*" >&2; }
fail() { echo "bench: FAILED: $*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2"
  apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$2" >/dev/null; } \
    || fail "cannot install $2; install it and run again"
}
need curl curl
need wrk wrk
need javac openjdk-17-jdk-headless

# ---------------------------------------------------------------- settings per mode
if [ $mode = smoke ]; then
  jmh_decide=(-f 0 -wi 0 -i 1 -r 1s -p attempts=20)
  jmh_threads=(1)
  jmh_reload=(-f 0 -wi 0 -i 1 -p rules=10)
  warm_s=2; run_s=2; batch_n=200; batch_warm=1; batch_runs=1; reloads=3
  out="${BENCH_OUT:-target/bench/BENCHMARKS-smoke.md}"
else
  # 12 s of warm-up: the JIT settles only after 50-100k decisions (2 s x 2 measured a cold JIT);
  # 2 threads at 20 attempts only
  jmh_decide=(-f 1 -wi 3 -w 4s -i 3 -r 3s)
  jmh_threads=(1 2)
  jmh_two_threads=(-p attempts=20)
  jmh_reload=(-f 1 -wi 2 -i 5)
  # 5 warm-up batches: the JIT still compiles the large-body path (netty buffers, the batch reader,
  # Drools under two threads) for about 50,000 batch decisions after the single-request load (NOTES.md, Batch)
  warm_s=25; run_s=20; batch_n=10000; batch_warm=5; batch_runs=3; reloads=20
  out="${BENCH_OUT:-docs/BENCHMARKS.md}"
fi
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
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
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
  java -cp "$cp" -Dbench.rules.dir="$root/rules" org.openjdk.jmh.Main "$@" -foe true -rf csv -rff "$csv" >"$work/jmh.log" 2>&1 \
    || { tail -40 "$work/jmh.log"; fail "JMH $*"; }
}
jmh_rows="$work/jmh-decide.txt"; : >"$jmh_rows"
for t in "${jmh_threads[@]}"; do
  log "JMH: decisions/s, $t thread(s)"
  extra=(); [ "$t" = 2 ] && extra=("${jmh_two_threads[@]}")
  jmh "$work/decide-$t.csv" "${jmh_decide[@]}" "${extra[@]}" -t "$t" -p policy="$policy_list" DecisionBenchmark.decide
  # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: attempts","Param: policy"
  tail -n +2 "$work/decide-$t.csv" | tr -d '"\r' | awk -F, '{printf "%s %s %s %.0f\n", $9, $8, $3, $5}' >>"$jmh_rows"
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
start_service() {
  # shellcheck disable=SC2086
  # through scripts/start.sh, as the container runs it (with its class-data sharing archive, if built)
  env ${BENCH_JAVA_OPTS+"JAVA_OPTS=$BENCH_JAVA_OPTS"} APP_JAR="$jar" scripts/start.sh -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" \
    -Dvoicemail.bench.echo=true -Dvoicemail.rules.dir="$work/rules" -Dvoicemail.data.dir="$work/data" \
    >>"$work/service.log" 2>&1 &
  pid=$!
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
for _ in $(seq 1 600); do
  curl -fs "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; fail "the service exited at start"; }
  sleep 0.1
done
first_ready_ms=$(( $(now_ms) - t0 ))
for p in "${policies[@]}"; do
  code=$(api -o "$work/put.json" -w '%{http_code}' -X PUT "$base/v1/clients/bench-$p" \
    -d "{\"name\": \"Bench $p\", \"policy\": \"$p\", \"timezone\": \"America/Chicago\"}")
  case "$code" in 2*) ;; *) cat "$work/put.json"; fail "PUT client bench-$p: HTTP $code" ;; esac
done
stop_service

client="bench-$http_policy"
java -cp "$cp" dev.voicemail.bench.Histories decision "$client" 20 "$work/decision.json"
[ -z "$light_policy" ] || java -cp "$cp" dev.voicemail.bench.Histories decision "bench-$light_policy" 20 "$work/light.json"
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

# wrk_run <label> <path> <connections> <seconds>: appends
# "label conns rps p50 p99 p999 non2xx errors cpu_us" to $http_rows, where cpu_us is the service's CPU
# time (every thread: event loops, JIT, GC) per answered request
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
    printf "%s %s %s %s %s %s %s %s %.0f\n", l, c, v["rps"], v["p50_ms"], v["p99_ms"], v["p999_ms"], v["non2xx"],
      v["socket_errors"] + v["timeouts"], cpu }'
}
http_path() { case "$1" in echo) echo /bench/echo ;; *) echo /v1/decisions ;; esac; }
cp "$work/decision.json" "$work/echo.json"
code=$(api -o /dev/null -w '%{http_code}' "$base/bench/echo" --data-binary "@$work/echo.json")
[ "$code" = 200 ] || fail "POST /bench/echo answered $code"

http_labels=(decision echo); [ -z "$light_policy" ] || http_labels=(decision light echo)
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
stop_service

# ---------------------------------------------------------------- the rule author's `test` command
cli_line=$(bench/cli.sh "$([ $mode = smoke ] && echo 1 || echo 5)" | tail -1) || fail "bench/cli.sh failed"
cli_warm=$(sed 's/.*warm_ms=\([0-9]*\).*/\1/' <<<"$cli_line")
cli_cold=$(sed 's/.*cold_ms=\([0-9]*\).*/\1/' <<<"$cli_line")
log "$cli_line"

# ---------------------------------------------------------------- report
get() { awk -v a="$1" -v b="$2" '$1 == a && $2 == b {print $3}' "$http_rows"; }
field() { awk -v a="$1" -v b="$2" -v f="$3" '$1 == a && $2 == b {print $f}' "$http_rows"; }
ratio1=$(awk -v d="$(get decision 1)" -v e="$(get echo 1)" 'BEGIN {printf "%.2f", d / e}')
ratio32=$(awk -v d="$(get decision 32)" -v e="$(get echo 32)" 'BEGIN {printf "%.2f", d / e}')
light32=""; light1=""
if [ -n "$light_policy" ]; then
  light1=$(awk -v d="$(get light 1)" -v e="$(get echo 1)" 'BEGIN {printf "%.2f", d / e}')
  light32=$(awk -v d="$(get light 32)" -v e="$(get echo 32)" 'BEGIN {printf "%.2f", d / e}')
fi
p99_32=$(field decision 32 5)
cadence20=$(awk '$1 == "cadence" && $2 == 20 && $3 == 2 {print $4}' "$jmh_rows")
reload1000=$(echo "$reload_rows" | awk '$1 == 1000 {print $2}')
batch_dps=$(awk -v n="$batch_n" -v s="$batch_s" 'BEGIN {printf "%.0f", n / s}')
if [ -n "${BENCH_JAVA_OPTS+set}" ]; then jvm_opts="${BENCH_JAVA_OPTS:-none}"
else jvm_opts="scripts/start.sh's defaults ($(sed -n 's/.*JAVA_OPTS-\([^}]*\)}.*/\1/p' scripts/start.sh))"; fi
verdict() { awk -v v="$1" -v op="$2" -v lim="$3" 'BEGIN { if (v == "") { print "n/a"; exit }
  ok = (op == "<" ? v + 0 < lim + 0 : v + 0 >= lim + 0); print (ok ? "met" : "MISSED") }'; }
batch_n_ok=$([ "$batch_n" = 10000 ] && echo "$batch_s" || echo "")

{
  echo "# Benchmarks"
  echo
  if [ $mode = smoke ]; then echo "**Smoke run** (seconds per part; the figures mean nothing): proves the benchmark runs."; echo; fi
  if [ -n "${BENCH_NOTE:-}" ]; then echo "**$BENCH_NOTE**"; echo; fi
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
  echo "| decision ≥ 75% of echo (32 connections), \`$http_policy\` | ${ratio32} (1 connection: ${ratio1}) | $(verdict "$ratio32" '>=' 0.75) |"
  [ -z "$light_policy" ] || echo "| the same, \`$light_policy\` | ${light32} (1 connection: ${light1}) | $(verdict "$light32" '>=' 0.75) |"
  echo "| p99 < 5 ms at 32 connections, \`$http_policy\` | ${p99_32} ms | $(verdict "$p99_32" '<' 5) |"
  [ -z "$light_policy" ] || echo "| the same, \`$light_policy\` | $(field light 32 5) ms | $(verdict "$(field light 32 5)" '<' 5) |"
  echo "| ≥ 50,000 decisions/s in-process, cadence, 20 attempts, 2 threads | ${cadence20:-no cadence policy or 1 thread only} | $(verdict "$cadence20" '>=' 50000) |"
  echo "| batch of 10,000 < 1 s | ${batch_s} s for $batch_n (${batch_dps}/s) | $(verdict "$batch_n_ok" '<' 1) |"
  echo "| reload of 1,000 rules < 3 s | $([ -n "$reload1000" ] && echo "$reload1000 ms" || echo "not measured") | $(verdict "${reload1000:+$(awk -v m="$reload1000" 'BEGIN {print m / 1000}')}" '<' 3) |"
  echo "| 0 failed requests during $reloads reloads | $reload_failed failed of $reload_requests; $swapped reloads swapped ($reload_how) | $( [ "$swapped" -gt 0 ] && verdict "$reload_failed" '<' 1 || echo "n/a: no reload" ) |"
  echo "| start-up to first decision < 1.5 s | ${startup_ms} ms | $(verdict "$startup_ms" '<' 1500) |"
  echo "| \`java -jar … test rules/\` (shipped suite) < 3 s wall | ${cli_warm} ms with compiled policies cached, ${cli_cold} ms compiling all (bench/cli.sh) | $(verdict "$(awk -v m="$cli_warm" 'BEGIN {print m / 1000}')" '<' 3) |"
  echo "| RSS < 300 MB under load | ${rss_load} MB (at rest ${rss_rest} MB) | $(verdict "$rss_load" '<' 300) |"
  echo
  echo "## 1. In-process decisions per second (JMH, \`DecisionService.decide\`, facts in, decision out)"
  echo
  echo "| policy | attempts | threads | decisions/s |"
  echo "|---|---:|---:|---:|"
  sort -k1,1 -k2,2n -k3,3n "$jmh_rows" | awk '{printf "| %s | %s | %s | %\047d |\n", $1, $2, $3, $4}'
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
    p = ($1 == "decision" ? "POST /v1/decisions (" hp ")" : $1 == "light" ? "POST /v1/decisions (" lp ")" : "POST /bench/echo")
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
  echo "## 5. Start-up and memory"
  echo
  echo "- Process start to first answered decision (existing database, client read from it): **${startup_ms} ms**"
  echo "- Process start to ready on a fresh database (Flyway creates the schema): ${first_ready_ms} ms"
  echo "- RSS (VmRSS) at rest after the first decision: ${rss_rest} MB; peak sampled under load: ${rss_load} MB"
  if [ -f bench/NOTES.md ]; then echo; cat bench/NOTES.md; fi
} >"$out"
cat "$out"
log "report written to $out"
