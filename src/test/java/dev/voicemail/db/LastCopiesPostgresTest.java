package dev.voicemail.db;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.EmbeddedPostgresResource;
import dev.voicemail.testing.PostgresProfile;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The copies of clients and keys outlive their freshness: once the cache lifetime (1 s here) has
 * passed and PostgreSQL is frozen, a decision for a client and with a key this replica has read is
 * still answered from the last copies (counted per kind), while an unseen client or key gets 503.
 * A cache that dropped expired entries would answer 503 here.
 */
@QuarkusTest
@TestProfile(LastCopiesPostgresTest.ShortLived.class)
class LastCopiesPostgresTest {

    public static class ShortLived extends PostgresProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voicemail.clients.cache-ttl", "1S", "voicemail.auth.cache-ttl", "1S");
        }
    }

    @Inject
    MeterRegistry registry;

    private double lastCopies(String kind) {
        return registry.counter("voicemail.database.last.copy", "kind", kind).count();
    }

    @Test
    void expiredCopiesOfAClientAndAKeyAnswerWhileTheDatabaseIsAway() throws Exception {
        Api.Agency agency = Api.newAgency("lastcopy");
        String client = Api.unique("seen");
        agency.client(client, "always");
        agency.asCrm().body(Api.decision(client)).post("/v1/decisions").then().statusCode(200);
        Thread.sleep(1500); // both copies are now past their lifetime
        double keysBefore = lastCopies("key");
        double clientsBefore = lastCopies("client");

        EmbeddedPostgresResource.freeze();
        try {
            for (int i = 0; i < 3; i++) {
                agency.asCrm().body(Api.decision(client)).post("/v1/decisions").then().statusCode(200)
                        .body("action", notNullValue());
            }
            assertTrue(lastCopies("key") > keysBefore, "no key served from its last copy");
            assertTrue(lastCopies("client") > clientsBefore, "no client served from its last copy");
            // what this replica never read cannot be answered without the database
            agency.asCrm().body(Api.decision(Api.unique("unseen"))).post("/v1/decisions").then().statusCode(503)
                    .body("error", equalTo("database_unavailable"));
            Api.as("vmk_0123456789abcdef.c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0cw").body(Api.decision(client))
                    .post("/v1/decisions").then().statusCode(503).body("error", equalTo("database_unavailable"));
        } finally {
            EmbeddedPostgresResource.thaw();
        }
        // back: the client is read again (the pool may need a moment to replace its dead connections)
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            status = RestAssured.given().get("/q/health/ready").statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        agency.asAdmin().get("/v1/clients/" + client).then().statusCode(200);
    }
}
