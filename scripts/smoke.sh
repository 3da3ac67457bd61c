#!/usr/bin/env bash
# Starts the packaged service through scripts/start.sh (the container's run step), on a free port
# and a throw-away data directory, asks it for one decision, and stops it. CI runs this so that a
# broken start step fails the build.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="$(mktemp -d)"
port="${SMOKE_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
mport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
log="$data/service.log"
SMOKE_AUTH="${SMOKE_AUTH:-smoke-bootstrap-key-$RANDOM$RANDOM$RANDOM}"   # every /v1 call needs a key
VOICEMAIL_AUTH_BOOTSTRAP_KEY="$SMOKE_AUTH" VOICEMAIL_DATA_DIR="$data" "$here/scripts/start.sh" -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "localhost:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo "smoke: the service exited"; exit 1; }
  sleep 0.5
done
api() { curl -fsS -H 'Content-Type: application/json' ${SMOKE_AUTH:+-H "Authorization: Bearer $SMOKE_AUTH"} "$@"; }
api -X PUT "localhost:$port/v1/clients/smoke" -d '{"name": "Smoke", "policy": "always"}' >/dev/null
# a fixed call time inside calling hours: the answer must not depend on when CI runs
answer=$(api "localhost:$port/v1/decisions" -d '{"clientId": "smoke", "prospect": {"id": "p", "timezone": "America/Chicago"},
  "call": {"at": "2026-11-23T10:35:00-06:00", "remainingAttemptsToday": 0}}')
echo "smoke: $answer"
case "$answer" in
  *'"action":"LEAVE_VOICEMAIL"'*) echo "smoke: ok" ;;
  *) cat "$log"; echo "smoke: unexpected answer"; exit 1 ;;
esac
