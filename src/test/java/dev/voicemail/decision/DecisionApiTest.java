package dev.voicemail.decision;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.payload;
import static dev.voicemail.testing.Api.putClient;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The three shipped policies through the real HTTP API, the real DRL in rules/ and the real
 * database: one JSON payload per history, each decided under each policy.
 */
@QuarkusTest
class DecisionApiTest {

    @ParameterizedTest(name = "{0} with {1}: {2} because \"{3}\"")
    @CsvSource(delimiter = '|', textBlock = """
            only-after-contact | contact-with-decision-maker.json             | LEAVE_VOICEMAIL | spoke with a decision maker before
            only-after-contact | first-call.json                              | HANG_UP         | no conversation with a decision maker yet
            only-after-contact | gatekeeper-only.json                         | HANG_UP         | no conversation with a decision maker yet
            only-after-contact | more-calls-later-today.json                  | HANG_UP         | wait for the last attempt of the day
            always             | contact-with-decision-maker.json             | LEAVE_VOICEMAIL | leave a voicemail on the last attempt of the day
            always             | first-call.json                              | LEAVE_VOICEMAIL | leave a voicemail on the last attempt of the day
            always             | more-calls-later-today.json                  | HANG_UP         | wait for the last attempt of the day
            always             | voicemail-earlier-same-local-day.json        | HANG_UP         | never a second voicemail on the same day
            always             | voicemail-previous-local-day-same-utc-day.json | LEAVE_VOICEMAIL | leave a voicemail on the last attempt of the day
            never              | contact-with-decision-maker.json             | HANG_UP         | never leave a voicemail
            never              | first-call.json                              | HANG_UP         | never leave a voicemail
            """)
    void decides(String policy, String payloadFile, String action, String rule) {
        String client = "api-" + policy;
        putClient(client, policy, "America/Chicago");
        api().body(payload(payloadFile).replace("$client", client))
                .post("/v1/decisions")
                .then().statusCode(200)
                .body("action", equalTo(action))
                .body("policy", equalTo(policy))
                .body("clientId", equalTo(client))
                .body("reasons.size()", greaterThanOrEqualTo(1))
                .body("reasons[0].rule", equalTo(rule))
                .body("reasons[0].text", not(emptyOrNullString()))
                .body("rulesVersion", startsWith("sha256:"));
    }

    @ParameterizedTest(name = "client zone {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            America/Chicago | HANG_UP
            Asia/Tokyo      | LEAVE_VOICEMAIL
            """)
    void usesTheClientZoneWhenTheProspectHasNone(String zone, String action) {
        // 08:00 and 20:30 in Chicago on 23 Nov: one local day there, two days in Tokyo (23:00 and 11:30).
        String client = "zone-" + zone.replace('/', '-');
        putClient(client, "always", zone);
        api().body("""
                {"clientId": "%s", "prospect": {"id": "p-1"}, "call": {"at": "2026-11-23T20:30:00-06:00"},
                 "attempts": [{"at": "2026-11-23T08:00:00-06:00", "channel": "CALL", "outcome": "VOICEMAIL_LEFT"}]}
                """.formatted(client))
                .post("/v1/decisions")
                .then().statusCode(200).body("action", equalTo(action));
    }

    /**
     * Without {@code call}, the call is now and the day's last attempt. Calling hours (08:00-21:00
     * local) tell that "now" was used: a zone where it is mid-day now leaves a message, a zone where
     * it is the middle of the night hangs up.
     */
    @ParameterizedTest(name = "local hour {0}: {1}")
    @CsvSource({"12, LEAVE_VOICEMAIL", "3, HANG_UP"})
    void callDefaultsToNowAndTheLastAttemptOfTheDay(int localHour, String action) {
        String zone = zoneWhereItIsNow(localHour);
        String client = "defaults-" + localHour;
        putClient(client, "always", zone);
        api().body("""
                {"clientId": "%s", "prospect": {"id": "p-1"}}
                """.formatted(client))
                .post("/v1/decisions")
                .then().statusCode(200)
                .body("action", equalTo(action))
                .body("prospectId", equalTo("p-1"));
    }

    /** A fixed-offset IANA zone (Etc/GMT±n) whose local hour now is within an hour of {@code hour}. */
    private static String zoneWhereItIsNow(int hour) {
        java.time.Instant now = java.time.Instant.now();
        for (int offset = -12; offset <= 14; offset++) {
            // Etc/GMT zones have inverted signs: Etc/GMT-5 is UTC+5.
            String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
            int local = now.atZone(java.time.ZoneId.of(zone)).getHour();
            if (local == hour || local == hour + 1 && now.atZone(java.time.ZoneId.of(zone)).getMinute() < 30) {
                return zone;
            }
        }
        throw new IllegalStateException("no zone at hour " + hour);
    }

    @org.junit.jupiter.api.Test
    void aPlannedVisitMayLieInTheFuture() {
        putClient("visits", "never", null);
        api().body("""
                {"clientId": "visits", "prospect": {"id": "p-1"}, "call": {"at": "2026-11-23T10:00:00Z"},
                 "attempts": [{"at": "2026-11-25T10:00:00Z", "channel": "VISIT", "outcome": "PLANNED"}]}
                """)
                .post("/v1/decisions")
                .then().statusCode(200).body("action", equalTo("HANG_UP"));
    }
}
