#!/usr/bin/env bash
# The rule author's command, timed on the shipped suite, as run after an edit. Measures wall and CPU time of
#   script: `scripts/rules.sh test rules/`, the documented command (C1 only, serial GC, class-data
#           sharing from its archive, written by an earlier run), policies reused from the cache;
#   warm:   `java -jar target/quarkus-app/quarkus-run.jar test rules/`, policies compiled by an earlier
#           run reused from the cache (the usual case: one policy edited recompiles only that one);
#   cold:   the same with every policy compiled from DRL (--no-cache, as on a first run or a new build).
# Usage: bench/cli.sh [runs]   (default 5; prints each run, then "cli: script_ms=... warm_ms=... cold_ms=..." medians)
# The jar must be built (scripts/build.sh or ./mvnw package). Nothing is asserted: the benchmark reports.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
jar="${APP_JAR:-target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || { echo "cli: build the jar first ($jar)"; exit 2; }
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
once() { # once <label> [test options]: prints "<wall ms> <cpu ms>"
  local label="$1"; shift
  local t
  local run=(java -jar "$jar")
  [ "$label" = script ] && run=(scripts/rules.sh)
  t=$( { XDG_CACHE_HOME="$cache" APP_JAR="$jar" /usr/bin/time -f '%e %U %S' "${run[@]}" test "$@" rules/ >/dev/null; } 2>&1 | tail -1)
  awk -v l="$label" '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 > "/dev/stderr"; printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$t" \
    2> >(sed "s/^/cli: $label wall_ms cpu_ms /" >&2)
}
XDG_CACHE_HOME="$cache" java -jar "$jar" test rules/ >/dev/null   # fills the cache
XDG_CACHE_HOME="$cache" APP_JAR="$jar" scripts/rules.sh test rules/ >/dev/null   # writes the script's class archive, if missing
script=(); warm=(); cold=()
for _ in $(seq "$runs"); do
  script+=("$(once script)")
  warm+=("$(once warm)")
  cold+=("$(once cold --no-cache)")
done
median() { printf '%s\n' "$@" | awk '{print $1, $2}' | sort -n | awk '{a[NR] = $0} END {print a[int((NR + 1) / 2)]}'; }
read -r script_ms script_cpu <<<"$(median "${script[@]}")"
read -r warm_ms warm_cpu <<<"$(median "${warm[@]}")"
read -r cold_ms cold_cpu <<<"$(median "${cold[@]}")"
cases=$(XDG_CACHE_HOME="$cache" java -jar "$jar" test rules/ | tail -1)
echo "cli: script_ms=$script_ms script_cpu_ms=$script_cpu warm_ms=$warm_ms warm_cpu_ms=$warm_cpu cold_ms=$cold_ms cold_cpu_ms=$cold_cpu runs=$runs ($cases)"
