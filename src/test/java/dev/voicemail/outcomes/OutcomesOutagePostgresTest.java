package dev.voicemail.outcomes;

import static dev.voicemail.outcomes.OutcomesTests.decide;
import static dev.voicemail.outcomes.OutcomesTests.outcome;
import static dev.voicemail.outcomes.OutcomesTests.outcomes;
import static dev.voicemail.outcomes.OutcomesTests.report;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.EmbeddedPostgresResource;
import dev.voicemail.testing.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Reporting while PostgreSQL is frozen: a prompt 503 naming the outage, nothing half-stored, and the
 * same report sent again once it is back is recorded once.
 */
@QuarkusTest
@TestProfile(OutcomesOutagePostgresTest.LongCaches.class)
class OutcomesOutagePostgresTest {

    public static class LongCaches extends PostgresProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the key and the client come from this replica's copies: what is tested is the outcome's own write
            return Map.of("voicemail.clients.cache-ttl", "10M", "voicemail.auth.cache-ttl", "10M");
        }
    }

    @Test
    void aReportDuringAnOutageIs503AndRecordedOnceWhenSentAgain() throws Exception {
        Api.Agency agency = Api.newAgency("outcome-outage");
        String client = Api.unique("c");
        agency.client(client, "always");
        Instant now = Instant.now();
        String decision = decide(agency, client, "p-1", now.minus(Duration.ofDays(2)), List.of());
        Map<String, Object> body = Map.of("outcomes", List.of(
                outcome(client, "p-1", "CALLBACK", "outage-1", now.minus(Duration.ofDays(1))),
                outcome(client, "p-1", "REPLY", "outage-2", now.minus(Duration.ofHours(1)))));

        EmbeddedPostgresResource.freeze();
        Response during;
        long millis;
        try {
            long t = System.nanoTime();
            during = agency.asCrm().body(body).post("/v1/outcomes");
            millis = (System.nanoTime() - t) / 1_000_000;
        } finally {
            EmbeddedPostgresResource.thaw();
        }
        during.then().statusCode(503).body("error", equalTo("database_unavailable"));
        assertTrue(millis < 10_000, "answered in " + millis + " ms");

        // back: sent again, both are recorded (nothing was stored half-way), and once
        long deadline = System.nanoTime() + 30_000_000_000L;
        Response again;
        do {
            again = agency.asCrm().body(body).post("/v1/outcomes");
        } while (again.statusCode() == 503 && System.nanoTime() < deadline);
        again.then().statusCode(200);
        assertEquals(List.of("recorded", "recorded"), again.jsonPath().getList("outcomes.status"));
        assertEquals(List.of(decision, decision), again.jsonPath().getList("outcomes.decisionId"));
        assertEquals("duplicate", report(agency, outcome(client, "p-1", "CALLBACK", "outage-1", now.minus(Duration.ofDays(1))))
                .getString("outcomes[0].status"));
        assertEquals(2, outcomes(agency, client, "p-1").size());
    }
}
