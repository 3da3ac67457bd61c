package dev.voicemail.decision;

import static dev.voicemail.testing.Api.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The playbooks' guidance through the real HTTP API: a client is PUT with its policy, value
 * propositions and parameters, then decisions are POSTed and their {@code message} and {@code next}
 * checked, against the real rules in rules/.
 */
@QuarkusTest
class PlaybooksApiTest {

    private static void putClient(String id, String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().put("/v1/clients/" + id)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    private static io.restassured.response.ValidatableResponse decide(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/decisions")
                .then();
    }

    @Test
    void cadenceLeavesValuePropositionNAndSaysWhenTheNextIsDue() {
        putClient("pb-cadence", """
                {"name": "Acme Calibration", "policy": "cadence", "timezone": "America/Chicago",
                 "valuePropositions": ["we cut calibration downtime by half", "certified on every scale brand"],
                 "parameters": {"callsBetweenVoicemails": 1}}""");
        decide("""
                {"clientId": "pb-cadence", "prospect": {"id": "p-1"},
                 "call": {"at": "2026-11-04T10:00:00-06:00"},
                 "attempts": [{"at": "2026-11-02T10:00:00-06:00", "channel": "CALL", "outcome": "NO_ANSWER"}]}""")
                .statusCode(200)
                .body("action", equalTo("LEAVE_VOICEMAIL"))
                .body("policy", equalTo("cadence"))
                .body("message.kind", equalTo("VALUE_PROPOSITION"))
                .body("message.valueProposition", equalTo(1))
                .body("message.text", equalTo("Hi, this is a representative of Acme Calibration. I'm calling on Wednesday,"
                        + " November 4 at 10:00 AM about this: we cut calibration downtime by half. Please call me back at"
                        + " the number I'm calling from."))
                .body("message.maxSeconds", equalTo(30))
                .body("next.notBefore", equalTo("2026-11-06T00:00:00-06:00"))
                .body("next.sequence", equalTo("ACTIVE"))
                .body("next", hasKey("recycleAt"))
                .body("next.recycleAt", nullValue());

        // the day after: too soon; no message at all, and next says when
        decide("""
                {"clientId": "pb-cadence", "prospect": {"id": "p-1"},
                 "call": {"at": "2026-11-05T10:00:00-06:00"},
                 "attempts": [{"at": "2026-11-02T10:00:00-06:00", "channel": "CALL", "outcome": "NO_ANSWER"},
                              {"at": "2026-11-04T10:00:00-06:00", "channel": "CALL", "outcome": "VOICEMAIL_LEFT"}]}""")
                .statusCode(200)
                .body("action", equalTo("HANG_UP"))
                .body("$", not(hasKey("message")))
                .body("reasons.rule", hasItem("too soon after the last voicemail"))
                .body("reasons.find { it.rule == 'too soon after the last voicemail' }.text",
                        equalTo("The last voicemail was left fewer than 2 days ago; the next one waits."))
                .body("next.notBefore", equalTo("2026-11-06T00:00:00-06:00"))
                .body("next.sequence", equalTo("ACTIVE"));

        // a new prospect: the reason names the client's number of calls, not the parameter
        decide("""
                {"clientId": "pb-cadence", "prospect": {"id": "p-2"}, "call": {"at": "2026-11-04T10:00:00-06:00"}}""")
                .statusCode(200)
                .body("action", equalTo("HANG_UP"))
                .body("reasons[0].rule", equalTo("a couple of calls before the next voicemail"))
                .body("reasons[0].text", startsWith("Fewer than 1 outbound calls without a message"));
    }

    @Test
    void policiesListTimeOfDayParametersAsClockTimes() {
        given().get("/v1/policies/always").then().statusCode(200)
                .body("parameters.find { it.name == 'callingHoursStart' }.default", equalTo("08:00"))
                .body("parameters.find { it.name == 'callingHoursStart' }.type", equalTo("string"))
                .body("parameters.find { it.name == 'callingHoursEnd' }.default", equalTo("21:00"));
    }

    @Test
    void cadenceBreakUpExhaustsTheSequenceUntilTheRecycle() {
        putClient("pb-breakup", """
                {"name": "Acme Calibration", "policy": "cadence", "timezone": "America/Chicago",
                 "parameters": {"callsBetweenVoicemails": 0, "maxVoicemails": 1, "recycleAfterDays": 30}}""");
        decide("""
                {"clientId": "pb-breakup", "prospect": {"id": "p-1"},
                 "call": {"at": "2026-11-02T10:00:00-06:00", "rep": {"name": "Dana Reyes", "phone": "+1 312-555-0142"}}}""")
                .statusCode(200)
                .body("action", equalTo("LEAVE_VOICEMAIL"))
                .body("message.kind", equalTo("BREAKUP"))
                .body("message", hasKey("valueProposition"))
                .body("message.valueProposition", nullValue())
                .body("message.text", allOf(containsString("Dana Reyes with Acme Calibration"),
                        containsString("last time"), containsString("+1 312-555-0142")))
                .body("next.sequence", equalTo("EXHAUSTED"))
                .body("next.recycleAt", equalTo("2026-12-02T10:00:00-06:00"));
        decide("""
                {"clientId": "pb-breakup", "prospect": {"id": "p-1"},
                 "call": {"at": "2026-11-10T10:00:00-06:00"},
                 "attempts": [{"at": "2026-11-02T10:00:00-06:00", "channel": "CALL", "outcome": "VOICEMAIL_LEFT"}]}""")
                .statusCode(200)
                .body("action", equalTo("HANG_UP"))
                .body("$", not(hasKey("message")))
                .body("next.sequence", equalTo("EXHAUSTED"))
                .body("next.recycleAt", equalTo("2026-12-02T10:00:00-06:00"));
    }

    @Test
    void alwaysWordsAStandardMessageFromTheRepTheCallAndTheClient() {
        putClient("pb-always", """
                {"name": "Acme Chemicals", "policy": "always", "timezone": "America/Chicago",
                 "valuePropositions": ["less inventory, same output", "a briefing on four trends"]}""");
        decide("""
                {"clientId": "pb-always", "prospect": {"id": "p-9"},
                 "call": {"at": "2026-01-12T10:35:00-06:00", "rep": {"name": "Steve Weinberg", "phone": "312-555-0199"}},
                 "attempts": [{"at": "2026-01-05T10:00:00-06:00", "channel": "CALL", "outcome": "VOICEMAIL_LEFT"}]}""")
                .statusCode(200)
                .body("action", equalTo("LEAVE_VOICEMAIL"))
                .body("message.kind", equalTo("STANDARD"))
                .body("message.valueProposition", equalTo(2))
                .body("message.text", equalTo("Hi, this is Steve Weinberg with Acme Chemicals. I'm calling on Monday, "
                        + "January 12 at 10:35 AM about this: a briefing on four trends. Please call me back at 312-555-0199."))
                .body("next.sequence", equalTo("ACTIVE"))
                .body("next.notBefore", nullValue());
    }

    @Test
    void optedOutOnAnyChannelEndsTheSequenceForGood() {
        putClient("pb-optout", """
                {"name": "Acme", "policy": "persistent", "timezone": "America/Chicago"}""");
        for (String channel : new String[] {"CALL", "EMAIL", "TEXT", "VISIT"}) {
            decide("""
                    {"clientId": "pb-optout", "prospect": {"id": "p-2"},
                     "call": {"at": "2026-11-23T10:35:00-06:00"},
                     "attempts": [{"at": "2026-11-20T10:00:00-06:00", "channel": "%s", "outcome": "OPTED_OUT", "direction": "INBOUND"}]}"""
                    .formatted(channel))
                    .statusCode(200)
                    .body("action", equalTo("HANG_UP"))
                    .body("$", not(hasKey("message")))
                    .body("reasons[0].rule", equalTo("never contact a prospect who opted out"))
                    .body("next.sequence", equalTo("EXHAUSTED"))
                    .body("next", hasKey("recycleAt"))
                    .body("next.recycleAt", nullValue());
        }
    }

    @Test
    void callingHoursParametersAreCheckedWhenTheClientIsStored() {
        given().contentType(ContentType.JSON).body("""
                        {"name": "Acme", "policy": "always", "parameters": {"callingHoursEnd": "25:00"}}""")
                .when().put("/v1/clients/pb-hours")
                .then().statusCode(422)
                .body("error", equalTo("invalid_parameter"))
                .body("field", equalTo("parameters.callingHoursEnd"));
        given().contentType(ContentType.JSON).body("""
                        {"name": "Acme", "policy": "cadence", "parameters": {"maxVoicemails": 0}}""")
                .when().put("/v1/clients/pb-hours")
                .then().statusCode(422)
                .body("field", equalTo("parameters.maxVoicemails"));

        putClient("pb-hours", """
                {"name": "Acme", "policy": "always", "timezone": "America/New_York", "parameters": {"callingHoursEnd": "20:00"}}""");
        decide("""
                {"clientId": "pb-hours", "prospect": {"id": "p-3"}, "call": {"at": "2026-11-23T20:30:00-05:00"}}""")
                .statusCode(200)
                .body("action", equalTo("HANG_UP"))
                .body("reasons[0].rule", equalTo("no voicemail outside the client's calling hours"));
    }

    @Test
    void aRepMustLookLikeANameAndANumber() {
        putClient("pb-rep", """
                {"name": "Acme", "policy": "always"}""");
        decide("""
                {"clientId": "pb-rep", "prospect": {"id": "p-4"},
                 "call": {"at": "2026-11-23T10:35:00-06:00", "rep": {"name": "Dana", "phone": "call me maybe"}}}""")
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("field", equalTo("call.rep.phone"));
        decide("""
                {"clientId": "pb-rep", "prospect": {"id": "p-4"},
                 "call": {"at": "2026-11-23T10:35:00-06:00", "rep": {"name": "%s"}}}""".formatted("x".repeat(101)))
                .statusCode(400)
                .body("field", equalTo("call.rep.name"));
        decide("""
                {"clientId": "pb-rep", "prospect": {"id": "p-4"},
                 "call": {"at": "2026-11-23T10:35:00-06:00", "rep": {"name": "Dana", "extension": "12"}}}""")
                .statusCode(400)
                .body("error", equalTo("unknown_field"));
    }
}
