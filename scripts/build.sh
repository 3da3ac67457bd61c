#!/usr/bin/env bash
# Builds the runnable service into target/quarkus-app (the Dockerfile's build step runs this too).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q package -DskipTests "$@"
echo "built target/quarkus-app/quarkus-run.jar"
