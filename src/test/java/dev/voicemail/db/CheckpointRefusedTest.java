package dev.voicemail.db;

import static dev.voicemail.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A write is acknowledged only once H2 has it in its file: when the real database refuses CHECKPOINT
 * (the service's user loses H2's admin right while the service runs, its pooled sessions open), a
 * strict decision and a prospect's erasure answer an error instead of acknowledging, a client write
 * (a JTA transaction, already committed when its checkpoint runs) is answered and kept, and once the
 * right is back the same calls are acknowledged again, without a restart.
 */
@QuarkusTest
@TestProfile(CheckpointRefusedTest.StrictOwnDatabase.class)
class CheckpointRefusedTest {

    /** Strict decision log, on a database file of its own: this test takes rights away from the service's user. */
    public static class StrictOwnDatabase implements QuarkusTestProfile {
        // A system property, not a static field: Quarkus may load this class in more than one class loader.
        private static final String DIR = "voicemail.test.checkpoint-refused-dir";

        @Override
        public Map<String, String> getConfigOverrides() {
            // a fresh file per run: a run stopped while the right was revoked must not leave the next one without it
            String dir = System.getProperty(DIR);
            if (dir == null) {
                dir = Path.of("target", "test-data-checkpoint-refused", UUID.randomUUID().toString()).toString();
                System.setProperty(DIR, dir);
            }
            return Map.of("voicemail.data.dir", dir, "voicemail.decision-log.mode", "strict");
        }
    }

    /** An admin of our own, to take the service user's admin right and give it back. */
    private static final String OPERATOR = "CHECKPOINT_TEST_ADMIN";
    /** quarkus.datasource.username, as H2 spells unquoted names. */
    private static final String SERVICE_USER = "VOICEMAIL";

    @Inject
    Database db;

    @Test
    void aWriteIsNotAcknowledgedWhileH2RefusesToCheckpointAndIsAgainOnceItAccepts() throws Exception {
        String client = Api.unique("ckpt");
        Api.putClient(client, "always", "America/Chicago");
        decide(client, "p-before").then().statusCode(200);
        erase(client, "p-before").then().statusCode(204);

        try (Connection operator = operator()) {
            run(operator, "GRANT ALL ON SCHEMA PUBLIC TO " + SERVICE_USER); // it keeps writing its tables
            run(operator, "ALTER USER " + SERVICE_USER + " ADMIN FALSE");
            try {
                // H2 checks the right when a statement runs, on the user every session shares: the pool's open
                // sessions lose it at once
                try (Connection pooled = db.lazyConnection()) {
                    SQLException refused = assertThrows(SQLException.class, () -> run(pooled, "CHECKPOINT"));
                    assertEquals(90040, refused.getErrorCode(), "admin rights required: " + refused.getMessage());
                }

                // a strict decision is committed but may not be in the file: not answered as recorded
                decide(client, "p-refused").then().statusCode(503).contentType(ContentType.JSON)
                        .body("error", equalTo("database_unavailable")).header("Retry-After", notNullValue());

                // an erasure outside a transaction: its close fails, the caller is told to try again
                erase(client, "p-refused").then().statusCode(greaterThanOrEqualTo(500)).contentType(ContentType.JSON)
                        .body("error", notNullValue());

                // a client write is checkpointed after its JTA commit, which cannot be undone: answered, and kept
                api().body(Map.of("name", "Renamed while refused", "policy", "always", "timezone", "America/Chicago"))
                        .put("/v1/clients/" + client).then().statusCode(200);
                api().get("/v1/clients/" + client).then().statusCode(200).body("name", equalTo("Renamed while refused"));
            } finally {
                run(operator, "ALTER USER " + SERVICE_USER + " ADMIN TRUE");
            }
        }

        // the right is back: the same calls are acknowledged again, no restart
        decide(client, "p-after").then().statusCode(200).body("decisionId", notNullValue());
        erase(client, "p-refused").then().statusCode(204);
    }

    private static io.restassured.response.Response decide(String client, String prospect) {
        return api().body(Map.of("clientId", client, "prospect", Map.of("id", prospect))).post("/v1/decisions");
    }

    private static io.restassured.response.Response erase(String client, String prospect) {
        return api().delete("/v1/clients/" + client + "/prospects/" + prospect);
    }

    /** A session of a second admin on the service's own database (same file, same JVM: the same H2 database). */
    private Connection operator() throws SQLException {
        String url;
        try (Connection c = db.lazyConnection()) {
            url = c.getMetaData().getURL();
            run(c, "CREATE USER IF NOT EXISTS " + OPERATOR + " PASSWORD 'checkpoint' ADMIN");
        }
        Properties login = new Properties();
        login.setProperty("user", OPERATOR);
        login.setProperty("password", "checkpoint");
        return org.h2.Driver.load().connect(url, login);
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
