# Build stage: compiles and packages the service from this repository's sources.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp package -DskipTests

# Run stage: the packaged service, as a non-root user; rules and data are mounted from outside.
FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 1001 voicemail && mkdir -p /app/data && chown voicemail /app/data
COPY --from=build /src/target/quarkus-app/ /app/
COPY --from=build /src/rules/ /app/rules/
USER voicemail
ENV VOICEMAIL_RULES_DIR=/app/rules VOICEMAIL_DATA_DIR=/app/data
EXPOSE 8080
VOLUME ["/app/data"]
CMD ["java", "-jar", "/app/quarkus-run.jar"]
