package dev.voicemail.decisionlog;

import static dev.voicemail.decisionlog.DecisionLogTests.request;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.EmbeddedPostgresResource;
import dev.voicemail.testing.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Strict mode: a decision is on record before it is answered, and answered 503 when it cannot be. */
@QuarkusTest
@TestProfile(DecisionLogStrictPostgresTest.Strict.class)
class DecisionLogStrictPostgresTest {

    public static class Strict extends PostgresProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voicemail.decision-log.mode", "strict", "voicemail.clients.cache-ttl", "10M");
        }
    }

    @Test
    void everyAnsweredDecisionIsOnRecordAndNoneIsAnsweredWithoutOne() throws Exception {
        Api.Agency agency = Api.newAgency("strict");
        String client = Api.unique("c");
        agency.client(client, "always");
        for (int i = 0; i < 20; i++) {
            String id = agency.asCrm().body(request(client, "p-" + i, 0)).post("/v1/decisions").then().statusCode(200)
                    .body("decisionId", matchesPattern(DecisionLogTests.UUID7)).extract().path("decisionId");
            // no waiting: it was written before the answer left
            agency.asCrm().get("/v1/decisions/" + id).then().statusCode(200).body("prospectId", equalTo("p-" + i));
        }
        String batchId = agency.asCrm().body(Map.of("requests", List.of(request(client, "p-b", 0)))).post("/v1/decisions/batch")
                .then().statusCode(200).body("results[0].decisionId", notNullValue()).extract().path("results[0].decisionId");
        agency.asCrm().get("/v1/decisions/" + batchId).then().statusCode(200);

        EmbeddedPostgresResource.freeze();
        try {
            long t = System.nanoTime();
            agency.asCrm().body(request(client, "p-frozen", 0)).post("/v1/decisions").then().statusCode(503)
                    .body("error", equalTo("database_unavailable")).header("Retry-After", notNullValue());
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertTrue(ms < 6000, "answered after " + ms + " ms");
            agency.asCrm().body(Map.of("requests", List.of(request(client, "p-frozen", 0)))).post("/v1/decisions/batch")
                    .then().statusCode(200).body("results[0].status", equalTo(503))
                    .body("results[0].error", equalTo("database_unavailable"));
        } finally {
            EmbeddedPostgresResource.thaw();
        }
        // back: decisions are recorded and answered again (the pool may need a moment to replace dead connections)
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            status = agency.asCrm().body(request(client, "p-back", 0)).post("/v1/decisions").statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertTrue(status == 200, "still " + status + " after the database returned");
        agency.asCrm().queryParam("prospectId", "p-frozen").get("/v1/decisions").then().statusCode(200)
                .body("items", equalTo(List.of())); // what was answered 503 was not recorded later either
    }
}
