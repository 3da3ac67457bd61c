#!/usr/bin/env bash
# Builds the runnable service into target/quarkus-app (the Dockerfile's build step runs this too),
# with its class-data sharing archive (scripts/cds.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "build.sh: compiling and packaging with Maven (./mvnw package -DskipTests; the first run downloads Maven and the dependencies)"
./mvnw -B -ntp -q package -DskipTests "$@"
echo "built target/quarkus-app/quarkus-run.jar"
# the class-data sharing archive scripts/start.sh uses (a faster start); VOICEMAIL_CDS=off skips it
if [ "${VOICEMAIL_CDS:-on}" != off ]; then
  echo "build.sh: building the class-data sharing archive (scripts/cds.sh starts the service twice; VOICEMAIL_CDS=off skips it)"
  scripts/cds.sh target/quarkus-app rules
fi
