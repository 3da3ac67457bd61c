package dev.voicemail.metrics;

import static dev.voicemail.Api.api;
import static dev.voicemail.Api.putClient;
import static dev.voicemail.Api.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Prometheus metrics count decisions by client, policy and action, and time them. */
@QuarkusTest
class MetricsTest {

    private static final String COUNTER =
            "voicemail_decisions_total\\{action=\"HANG_UP\",client=\"metrics-never\",policy=\"never\"\\} ([0-9.]+)";

    @Test
    void countsAndTimesDecisions() {
        putClient("metrics-never", "never", null);
        double before = count(given().get("/q/metrics").asString());
        for (int i = 0; i < 3; i++) {
            api().body("{\"clientId\": \"metrics-never\", \"prospect\": {\"id\": \"p\"}}").post("/v1/decisions")
                    .then().statusCode(200);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(before + 3, count(metrics), 0.0001);
        assertTrue(metrics.contains("voicemail_decision_duration_seconds_count{policy=\"never\"}"), metrics);
    }

    private static double count(String metrics) {
        Matcher m = Pattern.compile(COUNTER).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
