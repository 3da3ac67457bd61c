#!/usr/bin/env bash
# Lints an OpenAPI document (default: target/openapi.json, the served document OpenApiContractTest wrote)
# with the ruleset openapi/.spectral.yaml. Installs Spectral from the npm registry (package-lock.json) first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
doc="${1:-$root/target/openapi.json}"
[ -f "$doc" ] || { echo "lint: no $doc (./mvnw verify writes it, from /q/openapi)"; exit 2; }
if [ ! -x "$here/node_modules/.bin/spectral" ]; then
  echo "lint: installing Spectral (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
"$here/node_modules/.bin/spectral" lint --fail-severity=warn --ruleset "$root/openapi/.spectral.yaml" "$doc"
