package dev.voicemail.decision;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.putClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A large batch is decided on several threads; its answers still come in request order, each its own. */
@QuarkusTest
class BatchOrderTest {

    @Test
    void answersInRequestOrder() {
        putClient("batch-order", "always", "America/Chicago");
        int n = 2000;
        StringJoiner items = new StringJoiner(",", "{\"requests\": [", "]}");
        for (int i = 0; i < n; i++) {
            // every third item is invalid, every other valid one waits for a later attempt today
            items.add(i % 3 == 2
                    ? "{\"clientId\": \"batch-order\", \"prospect\": {\"id\": \"p-" + i + "\"}, \"call\": {\"remainingAttemptsToday\": -" + i + "}}"
                    : "{\"clientId\": \"batch-order\", \"prospect\": {\"id\": \"p-" + i + "\"}, \"call\": {\"at\": \"2026-11-23T16:00:00Z\", \"remainingAttemptsToday\": " + (i % 2) + "}}");
        }
        List<Map<String, Object>> results = api().body(items.toString()).post("/v1/decisions/batch")
                .then().statusCode(200).extract().jsonPath().getList("results");
        assertEquals(n, results.size());
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = results.get(i);
            if (i % 3 == 2) {
                assertEquals(400, r.get("status"), "item " + i);
                assertEquals("call.remainingAttemptsToday", r.get("field"), "item " + i);
            } else {
                assertEquals("p-" + i, r.get("prospectId"), "item " + i);
                assertEquals(i % 2 == 0 ? "LEAVE_VOICEMAIL" : "HANG_UP", r.get("action"), "item " + i);
            }
        }
    }
}
