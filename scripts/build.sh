#!/usr/bin/env bash
# Builds the runnable service into target/quarkus-app (the Dockerfile's build step runs this too),
# with its class-data sharing archive (scripts/cds.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "build.sh: compiling and packaging with Maven, about a minute (./mvnw package -DskipTests, quiet; the first run downloads Maven and the dependencies)"
if ! ./mvnw -B -ntp -q package -DskipTests "$@"; then
  echo "build.sh: Maven failed; its errors are above" >&2
  exit 1
fi
# the class-data sharing archive scripts/start.sh uses (a faster start); VOICEMAIL_CDS=off skips it
if [ "${VOICEMAIL_CDS:-on}" != off ]; then
  echo "build.sh: packaged target/quarkus-app/quarkus-run.jar; building the class-data sharing archive (scripts/cds.sh starts the service twice; VOICEMAIL_CDS=off skips it)"
  scripts/cds.sh target/quarkus-app rules
else
  echo "build.sh: packaged target/quarkus-app/quarkus-run.jar (no class-data sharing archive: VOICEMAIL_CDS=off)"
fi
echo "build.sh: built target/quarkus-app"
