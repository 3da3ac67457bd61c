package dev.voicemail.db;

import static dev.voicemail.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
 * strict decision, a prospect's erasure, an outcome report, a new key and a key's revocation answer 503
 * {@code database_unavailable} with Retry-After instead of acknowledging, and sending them again does
 * no harm (a key created meanwhile is not left behind; a revocation is in force at once). A client
 * write (a JTA transaction, already committed when its checkpoint runs) is answered and kept. Once the
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

        whileRefused(() -> {
            // a strict decision is committed but may not be in the file: not answered as recorded
            unavailable(decide(client, "p-refused"));

            // an erasure outside a transaction: committed, its checkpoint refused: the same 503, erasing again is harmless
            unavailable(erase(client, "p-refused"));

            // an outcome report: stored, not acknowledged; reported again, it counts once
            unavailable(reportOutcome(client));

            // a client write is checkpointed after its JTA commit, which cannot be undone: answered, and kept
            api().body(Map.of("name", "Renamed while refused", "policy", "always", "timezone", "America/Chicago"))
                    .put("/v1/clients/" + client).then().statusCode(200);
            api().get("/v1/clients/" + client).then().statusCode(200).body("name", equalTo("Renamed while refused"));
        });

        // the right is back: the same calls are acknowledged again, no restart
        decide(client, "p-after").then().statusCode(200).body("decisionId", notNullValue());
        erase(client, "p-refused").then().statusCode(204);
        reportOutcome(client).then().statusCode(200).body("outcomes[0].status", equalTo("duplicate"));
    }

    @Test
    void aKeyCreatedWhileH2RefusesToCheckpointIsNotLeftBehindAndCreatingItAgainGivesOne() throws Exception {
        String agency = Api.unique("ckpt-keys");
        String name = "created while refused " + agency;

        whileRefused(() -> {
            unavailable(createKey(agency, name));
            // not a key stored but shown to nobody: neither listed nor in the table
            Api.operator().queryParam("agency", agency).get("/v1/keys").then().statusCode(200).body("items", hasSize(0));
            assertEquals(0, keysNamed(name), "a key whose secret nobody was given is not kept");
        });

        // sent again once the right is back: one key, and it works
        String key = createKey(agency, name).then().statusCode(201).extract().path("key");
        Api.as(key).get("/v1/keys").then().statusCode(200).body("items", hasSize(1)).body("items[0].name", equalTo(name));
        assertEquals(1, keysNamed(name));
    }

    @Test
    void aKeyRevokedWhileH2RefusesToCheckpointStopsWorkingAtOnceAndRevokingItAgainIsAcknowledged() throws Exception {
        String agency = Api.unique("ckpt-revoke");
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created =
                createKey(agency, "revoked while refused").then().statusCode(201).extract();
        String key = created.path("key");
        String id = created.path("id");
        Api.as(key).get("/v1/keys").then().statusCode(200); // known to this replica, its copy in memory

        whileRefused(() -> {
            unavailable(Api.operator().queryParam("agency", agency).delete("/v1/keys/" + id));
            // committed: in force at once, whatever the answer said about the file
            Api.as(key).get("/v1/keys").then().statusCode(401);
        });

        Api.operator().queryParam("agency", agency).delete("/v1/keys/" + id).then().statusCode(204);
        Api.as(key).get("/v1/keys").then().statusCode(401);
        Api.operator().queryParam("agency", agency).get("/v1/keys").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].revokedAt", notNullValue());
    }

    /** 503 database_unavailable, Retry-After: the write is not acknowledged, and the caller is told to send it again. */
    private static void unavailable(io.restassured.response.Response answer) {
        answer.then().statusCode(503).contentType(ContentType.JSON)
                .body("error", equalTo("database_unavailable")).header("Retry-After", notNullValue());
    }

    private interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} while H2 refuses CHECKPOINT to the service's user: its admin right taken away (by an admin of
     * our own), and given back afterwards whatever happens.
     */
    private void whileRefused(Body body) throws Exception {
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
                body.run();
            } finally {
                run(operator, "ALTER USER " + SERVICE_USER + " ADMIN TRUE");
            }
        }
    }

    private static io.restassured.response.Response createKey(String agency, String name) {
        return Api.operator().body(Map.of("name", name, "roles", List.of("admin"), "agency", agency)).post("/v1/keys");
    }

    private int keysNamed(String name) throws SQLException {
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM api_keys WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static io.restassured.response.Response decide(String client, String prospect) {
        return api().body(Map.of("clientId", client, "prospect", Map.of("id", prospect))).post("/v1/decisions");
    }

    private static io.restassured.response.Response reportOutcome(String client) {
        return api().body(Map.of("clientId", client, "prospectId", "p-outcome", "kind", "CALLBACK", "eventId", client + "-evt",
                "occurredAt", "2026-11-20T10:00:00Z")).post("/v1/outcomes");
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
