# Build stage: compiles and packages the service from this repository's sources, with the same
# script developers and CI use.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# (the class-data sharing archive is built in the run stage: it is only valid for the jar's final path and JVM)
RUN VOICEMAIL_CDS=off scripts/build.sh

# Run stage: the packaged service as a non-root user. Rules and database settings come from outside:
# mount rules at /app/rules (the copied-in ones are the default) and a volume at /app/data, or set
# QUARKUS_PROFILE=prod,postgres with VOICEMAIL_DB_URL/USER/PASSWORD for PostgreSQL (docs/production.md).
FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 1001 voicemail && mkdir -p /app/data && chown voicemail /app/data
COPY --from=build /src/target/quarkus-app/ /app/quarkus-app/
COPY --from=build /src/rules/ /app/rules/
COPY --from=build /src/scripts/start.sh /app/start.sh
COPY --from=build /src/scripts/cds.sh /app/cds.sh
# Two training starts record the classes a start-up loads (scripts/cds.sh); start.sh then maps them
RUN ["/app/cds.sh", "/app/quarkus-app", "/app/rules"]
USER voicemail
ENV APP_JAR=/app/quarkus-app/quarkus-run.jar VOICEMAIL_RULES_DIR=/app/rules VOICEMAIL_DATA_DIR=/app/data
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["/app/start.sh"]
