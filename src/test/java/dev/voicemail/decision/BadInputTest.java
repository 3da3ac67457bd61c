package dev.voicemail.decision;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.putClient;
import static dev.voicemail.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every kind of bad decision request gets a 4xx whose JSON body names the problem and the field. */
@QuarkusTest
class BadInputTest {

    private static final String CALL = "\"call\": {\"at\": \"2026-11-23T10:00:00Z\"}";

    @BeforeEach
    void client() {
        putClient("bad-input", "always", "America/Chicago");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // body, status, error code, field (null: none)
                Arguments.of("{\"clientId\": \"bad-input\",", 400, "malformed_json", null),
                Arguments.of("not json", 400, "malformed_json", null),
                Arguments.of("", 400, "invalid_request", null),
                Arguments.of("[]", 400, "invalid_field", null),
                Arguments.of("{\"prospect\": {\"id\": \"p\"}}", 400, "invalid_request", "clientId"),
                Arguments.of("{\"clientId\": \"bad input!\", \"prospect\": {\"id\": \"p\"}}", 400, "invalid_request", "clientId"),
                Arguments.of("{\"clientId\": \"bad-input\"}", 400, "invalid_request", "prospect"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {}}", 400, "invalid_request", "prospect.id"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"extra\": 1}", 400, "unknown_field", "extra"),
                Arguments.of("{\"clientId\": 7, \"prospect\": {\"id\": \"p\"}}", 400, "invalid_field", "clientId"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\", \"timezone\": \"Mars/Olympus\"}}", 400, "invalid_request", "prospect.timezone"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\", \"timezone\": \"+02:00\"}}", 400, "invalid_request", "prospect.timezone"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"at\": \"yesterday\"}}", 400, "invalid_request", "call.at"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"at\": \"2026-11-23T10:00:00\"}}", 400, "invalid_request", "call.at"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"remainingAttemptsToday\": -1}}", 400, "invalid_request", "call.remainingAttemptsToday"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"remainingAttemptsToday\": \"2\"}}", 400, "invalid_field", "call.remainingAttemptsToday"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"remainingAttemptsToday\": 1.5}}", 400, "invalid_field", "call.remainingAttemptsToday"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"attempts\": {}}", 400, "invalid_field", "attempts"),
                Arguments.of(attempt("{\"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\"}"), 400, "invalid_request", "attempts[0].at"),
                Arguments.of(attempt("{\"at\": \"2026-11-20T10:00:00Z\", \"outcome\": \"NO_ANSWER\"}"), 400, "invalid_request", "attempts[0].channel"),
                Arguments.of(attempt("{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"FAX\", \"outcome\": \"NO_ANSWER\"}"), 400, "invalid_request", "attempts[0].channel"),
                Arguments.of(attempt("{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"CALL\"}"), 400, "invalid_request", "attempts[0].outcome"),
                Arguments.of(attempt("{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"CALL\", \"outcome\": \"MAYBE\"}"), 400, "invalid_request", "attempts[0].outcome"),
                Arguments.of(attempt("{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"EMAIL\", \"outcome\": \"CONNECTED\"}"), 400, "invalid_request", "attempts[0].outcome"),
                Arguments.of(attempt("{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\", \"direction\": \"SIDEWAYS\"}"), 400, "invalid_request", "attempts[0].direction"),
                Arguments.of(attempt("{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\", \"decisionMaker\": \"yes\"}"), 400, "invalid_field", "attempts[0].decisionMaker"),
                Arguments.of(attempt("{\"at\": \"2026-11-20\", \"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\"}"), 400, "invalid_request", "attempts[0].at"),
                Arguments.of(attempt("{\"at\": \"2026-11-24T10:00:00Z\", \"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\"}"), 400, "invalid_request", "attempts[0].at"),
                Arguments.of(attempt("{\"at\": \"2026-11-24T10:00:00Z\", \"channel\": \"VISIT\", \"outcome\": \"DONE\"}"), 400, "invalid_request", "attempts[0].at"),
                Arguments.of(attempt("null"), 400, "invalid_request", "attempts[0]"),
                Arguments.of("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"at\": \"+999999999-12-31T23:59:59-18:00\"}}", 400, "invalid_request", "call.at"),
                Arguments.of("{\"clientId\": \"nobody\", \"prospect\": {\"id\": \"p\"}}", 404, "not_found", null));
    }

    private static String attempt(String attempt) {
        return "{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, " + CALL + ", \"attempts\": [" + attempt + "]}";
    }

    @ParameterizedTest(name = "[{index}] {1} {2} {3}: {0}")
    @MethodSource("badRequests")
    void refusesWithTheFieldAtFault(String body, int status, String error, String field) {
        api().body(body).post("/v1/decisions")
                .then().statusCode(status)
                .contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("message", not(emptyOrNullString()))
                .body("field", field == null ? nullValue() : equalTo(field));
    }

    @Test
    void wrongContentTypeIs415WithAJsonBody() {
        given().contentType(ContentType.TEXT).body("clientId=bad-input").post("/v1/decisions")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void unknownPathAndMethodAreJson() {
        api().get("/v1/nothing-here").then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not_found"));
        api().delete("/v1/decisions").then().statusCode(405).contentType(ContentType.JSON).body("error", equalTo("method_not_allowed"));
    }

    @Test
    void tooManyAttemptsIsRefused() {
        StringBuilder attempts = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            attempts.append(i == 0 ? "" : ",").append("{\"at\": \"2026-11-20T10:00:00Z\", \"channel\": \"CALL\", \"outcome\": \"NO_ANSWER\"}");
        }
        api().body("{\"clientId\": \"bad-input\", \"prospect\": {\"id\": \"p\"}, " + CALL + ", \"attempts\": [" + attempts + "]}")
                .post("/v1/decisions")
                .then().statusCode(413).body("field", equalTo("attempts")).body("message", containsString("1000"));
    }
}
