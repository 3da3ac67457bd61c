package dev.voicemail.bench;

import static dev.voicemail.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the benchmark flag on, the echo endpoint binds a decision request and returns it as read. */
@QuarkusTest
@TestProfile(EchoOnTest.EchoOn.class)
class EchoOnTest {

    public static class EchoOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voicemail.bench.echo", "true");
        }
    }

    @Test
    void echoReturnsTheRequest() {
        api().body("""
                {"clientId": "c-1", "prospect": {"id": "p-1", "timezone": "America/Chicago"},
                 "call": {"at": "2026-11-23T10:00:00-06:00", "remainingAttemptsToday": 2},
                 "attempts": [{"at": "2026-11-22T10:00:00-06:00", "channel": "CALL", "outcome": "NO_ANSWER"}]}
                """)
                .post("/bench/echo")
                .then().statusCode(200)
                .body("clientId", equalTo("c-1"))
                .body("prospect.timezone", equalTo("America/Chicago"))
                .body("call.remainingAttemptsToday", equalTo(2))
                .body("attempts[0].outcome", equalTo("NO_ANSWER"));
    }

    @Test
    void echoRefusesMalformedJsonLikeTheDecisionEndpoint() {
        api().body("{\"clientId\": ").post("/bench/echo")
                .then().statusCode(400).body("error", equalTo("malformed_json"));
    }
}
