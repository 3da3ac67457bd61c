package dev.voicemail.decision;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.putClient;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The batch endpoint answers every item in order; one bad item fails alone. */
@QuarkusTest
class BatchApiTest {

    @Test
    void mixesDecisionsAndErrorsInRequestOrder() {
        putClient("batch-oac", "only-after-contact", "America/Chicago");
        putClient("batch-never", "never", null);
        api().body("""
                {"requests": [
                  {"clientId": "batch-oac", "prospect": {"id": "p-1"}, "call": {"at": "2026-11-23T10:35:00-06:00"},
                   "attempts": [{"at": "2026-11-18T14:10:00-06:00", "channel": "CALL", "outcome": "CONNECTED", "decisionMaker": true}]},
                  {"clientId": "batch-oac", "prospect": {"id": "p-2"}, "call": {"at": "2026-11-23T10:35:00-06:00"},
                   "attempts": [{"at": "2026-11-18T14:10:00-06:00", "channel": "CALL", "outcome": "SENT"}]},
                  {"clientId": "nobody", "prospect": {"id": "p-3"}},
                  {"clientId": "batch-never", "prospect": {"id": "p-4"}},
                  "not an object",
                  {"clientId": "batch-oac", "prospect": {"id": "p-6"}, "call": {"remainingAttemptsToday": "two"}},
                  {"clientId": "batch-oac", "prospect": {"id": "p-7"}, "call": {"at": "2026-11-23T10:35:00-06:00"}}
                ]}
                """)
                .post("/v1/decisions/batch")
                .then().statusCode(200)
                .body("results", hasSize(7))
                .body("results[0].action", equalTo("LEAVE_VOICEMAIL"))
                .body("results[0].prospectId", equalTo("p-1"))
                .body("results[1].status", equalTo(400))
                .body("results[1].field", equalTo("attempts[0].outcome"))
                .body("results[1].action", nullValue())
                .body("results[2].status", equalTo(404))
                .body("results[2].error", equalTo("not_found"))
                .body("results[3].action", equalTo("HANG_UP"))
                .body("results[3].policy", equalTo("never"))
                .body("results[4].status", equalTo(400))
                .body("results[5].status", equalTo(400))
                .body("results[5].field", equalTo("call.remainingAttemptsToday"))
                .body("results[6].action", equalTo("HANG_UP"))
                .body("results[6].prospectId", equalTo("p-7"));
    }

    @Test
    void refusesABodyThatIsNotABatch() {
        api().body("{\"request\": []}").post("/v1/decisions/batch")
                .then().statusCode(400).body("field", equalTo("request"));
        api().body("{}").post("/v1/decisions/batch")
                .then().statusCode(400).body("field", equalTo("requests"));
    }

    @Test
    void refusesMoreThanTenThousandRequests() {
        StringBuilder body = new StringBuilder("{\"requests\": [");
        for (int i = 0; i <= 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{}");
        }
        api().body(body.append("]}").toString()).post("/v1/decisions/batch")
                .then().statusCode(413).body("field", equalTo("requests"));
    }
}
