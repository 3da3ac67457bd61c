package dev.voicemail.db;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.putClient;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The embedded default runs with the settings its URL ships with (application.properties), each a
 * measured fix: H2 writes commits in the background (WRITE_DELAY=20), so that the decision log's
 * batches share file writes and H2's background thread compacts the file (with WRITE_DELAY=0 it never
 * ran: every commit stayed a chunk of its own, and under sustained load their metadata filled the heap
 * within minutes; bench/NOTES.md, "December 5"), while every acknowledged write is checkpointed before it is answered
 * (without that, a kill -9 lost acknowledged writes: AcknowledgedWritesIT, StrictDecisionLogKillIT);
 * with H2's default 16 MB page cache, the decision log's pages were promoted in the 160 MB heap and
 * made a full collection every 5 s under load (bench/NOTES.md, "December 4, later").
 */
@QuarkusTest
class H2SettingsTest {

    private static final Pattern CHECKPOINTS = Pattern.compile("(?m)^voicemail_database_checkpoints_total(?:\\{[^}]*})? ([0-9.E+]+)");

    @Inject
    Database db;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void theEmbeddedDatabaseWritesInTheBackgroundAndKeepsASmallPageCache() throws Exception {
        assertEquals("20", setting("WRITE_DELAY"), "commits written to the file every 20 ms by H2's background thread, which also compacts it; acknowledged ones checkpointed");
        assertEquals("1024", setting("CACHE_SIZE"), "H2's page cache in KB: the log's pages must not fill the old generation");
    }

    @Test
    void anAcknowledgedWriteIsCheckpointedAndALoggedDecisionIsNot() throws Exception {
        double before = checkpoints();
        putClient("h2-durable", "always", null);
        assertTrue(checkpoints() >= before + 1, "a client written and answered is checkpointed first");

        String last = null;
        double decisionsFrom = checkpoints();
        for (int i = 0; i < 30; i++) {
            last = api().body("{\"clientId\": \"h2-durable\", \"prospect\": {\"id\": \"p-" + i + "\"}}").post("/v1/decisions")
                    .then().statusCode(200).extract().path("decisionId");
        }
        String id = last;
        long until = System.nanoTime() + 10_000_000_000L;
        while (api().get("/v1/decisions/" + id).statusCode() != 200 && System.nanoTime() < until) {
            Thread.sleep(20); // the log's writer has not written it yet
        }
        api().get("/v1/decisions/" + id).then().statusCode(200);
        double during = checkpoints() - decisionsFrom;
        // 30 decisions one after the other are many batches: checkpointing each (as WRITE_DELAY=0 wrote each) shows here
        assertTrue(during <= 3, "the asynchronous log is written with H2's background writes, not checkpointed: " + during);
    }

    private double checkpoints() {
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        Matcher m = CHECKPOINTS.matcher(text);
        assertTrue(m.find(), () -> "no checkpoint counter in the metrics:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    private String setting(String name) throws Exception {
        try (Connection c = db.lazyConnection();
             PreparedStatement s = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
