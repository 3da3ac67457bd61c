package dev.voicemail.contract;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/** Every error says what was wrong and how to fix it, in words a person uses (issue 17's findings). */
@QuarkusTest
class ErrorWordingTest {

    private static final String CALL = "\"call\": {\"at\": \"2026-11-23T10:35:00-06:00\"}";

    @Test
    void acceptTextPlainIsRefusedSayingWhatIsServed() {
        Api.operator().accept("text/plain").get("/v1/rules").then().statusCode(406)
                .contentType("application/json")
                .body("error", equalTo("not_acceptable"))
                .body("message", containsString("application/json"))
                .body("message", not(containsString("@Produces")));
    }

    @Test
    void aMethodAPathDoesNotTakeIsAnswered405WithAllow() {
        Api.operator().get("/v1/decisions/batch").then().statusCode(405)
                .header("Allow", containsString("POST"))
                .body("error", equalTo("method_not_allowed"))
                .body("message", containsString("POST"));
        Api.operator().body("{}").post("/v1/clients/acme").then().statusCode(405)
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PUT"));
    }

    @Test
    void anEpochNumberForATimestampSaysTheFormatExpected() {
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\"}, " + CALL + ", \"attempts\": ["
                + "{\"at\": 1795000000000, \"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\"}]}")
                .post("/v1/decisions").then().statusCode(400)
                .body("field", equalTo("attempts[0].at"))
                .body("message", containsString("ISO-8601"))
                .body("message", containsString("2026-11-23T10:35:00-06:00"))
                .body("message", not(containsString("as String")));
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"at\": \"1795000000000\"}}")
                .post("/v1/decisions").then().statusCode(400)
                .body("field", equalTo("call.at"))
                .body("message", containsString("ISO-8601 timestamp with an offset; send e.g. 2026-11-23T10:35:00-06:00"));
    }

    @Test
    void anOutcomeOfAnotherChannelIsWorded() {
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\"}, " + CALL + ", \"attempts\": ["
                + "{\"at\": \"2026-11-20T10:00:00-06:00\", \"channel\": \"EMAIL\", \"outcome\": \"NO_ANSWER\"}]}")
                .post("/v1/decisions").then().statusCode(400)
                .body("field", equalTo("attempts[0].outcome"))
                .body("message", equalTo("NO_ANSWER is not an outcome of an EMAIL attempt; an EMAIL's outcomes are "
                        + "SENT, REPLIED, BOUNCED, OPTED_OUT"));
    }

    @Test
    void aBadCallingHourSaysHHmmNotARegularExpression() {
        Api.operator().body("{\"name\": \"Acme\", \"policy\": \"cadence\", \"parameters\": {\"callingHoursEnd\": \"8pm\"}}")
                .put("/v1/clients/hours-" + UUID.randomUUID().toString().substring(0, 8)).then().statusCode(422)
                .body("field", equalTo("parameters.callingHoursEnd"))
                .body("message", containsString("a time of day HH:mm, e.g."))
                .body("message", containsString("'8pm'"))
                .body("message", not(containsString("[0-5]")));
    }

    @Test
    void aMisspeltFieldSuggestsTheNearestKnownOne() {
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\"}, \"atempts\": []}")
                .post("/v1/decisions").then().statusCode(400)
                .body("error", equalTo("unknown_field"))
                .body("field", equalTo("atempts"))
                .body("message", equalTo("unknown field 'atempts'; did you mean 'attempts'?"));
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\", \"timezoen\": \"UTC\"}}")
                .post("/v1/decisions").then().statusCode(400)
                .body("message", equalTo("unknown field 'timezoen'; did you mean 'timezone'?"));
        // nothing near: the fields there are listed instead of a wild guess
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\", \"colour\": \"red\"}}")
                .post("/v1/decisions").then().statusCode(400)
                .body("message", equalTo("unknown field 'colour'; the fields here are id, timezone"));
    }

    @Test
    void aWrongJsonTypeNamesWhatToSend() {
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"remainingAttemptsToday\": [1]}}")
                .post("/v1/decisions").then().statusCode(400)
                .body("field", equalTo("call.remainingAttemptsToday"))
                .body("message", containsString("send a whole number"));
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\"}, \"attempts\": {}}")
                .post("/v1/decisions").then().statusCode(400)
                .body("field", equalTo("attempts"))
                .body("message", notNullValue())
                .body("message", containsString("send an array"));
    }

    @Test
    void aMisspeltParameterPolicyFilterOrValueSuggestsTheNearestKnownOne() {
        String client = "/v1/clients/spell-" + UUID.randomUUID().toString().substring(0, 8);
        Api.operator().body("{\"name\": \"Acme\", \"policy\": \"always\", \"parameters\": {\"callingHoursEnds\": \"20:00\"}}")
                .put(client).then().statusCode(422)
                .body("field", equalTo("parameters.callingHoursEnds"))
                .body("message", containsString("is not a parameter of policy 'always'; did you mean 'callingHoursEnd'?"));
        Api.operator().body("{\"name\": \"Acme\", \"policy\": \"alwys\"}")
                .put(client).then().statusCode(422)
                .body("field", equalTo("policy"))
                .body("message", containsString("no policy 'alwys' in rules/policies; did you mean 'always'?"));
        Api.operator().get("/v1/decisions?clientID=acme").then().statusCode(400)
                .body("field", equalTo("clientID"))
                .body("message", containsString("unknown parameter 'clientID'; did you mean 'clientId'?"));
        Api.operator().body("{\"clientId\": \"c\", \"prospect\": {\"id\": \"p\"}, " + CALL + ", \"attempts\": ["
                        + "{\"at\": \"2026-11-20T10:00:00-06:00\", \"channel\": \"CALL\", \"outcome\": \"NOANSWER\"}]}")
                .post("/v1/decisions").then().statusCode(400)
                .body("field", equalTo("attempts[0].outcome"))
                .body("message", containsString("unknown value 'NOANSWER'; did you mean 'NO_ANSWER'?"));
    }

    @Test
    void aBodyThatIsNoObjectIsWordedWithoutJavaNames() {
        Api.operator().body("[1]").post("/v1/decisions").then().statusCode(400)
                .body("message", equalTo("the body must be one JSON object of the documented shape (see /q/openapi)"))
                .body("message", not(containsString("deserialize")));
        Api.operator().body("\"a decision\"").post("/v1/decisions").then().statusCode(400)
                .body("message", not(containsString("dev.voicemail")));
    }
}
