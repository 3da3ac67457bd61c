package dev.voicemail.decision;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.putClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Prometheus metrics count decisions by agency, client, policy and action, and time them; they are
 * served on the management interface only, not on the API port.
 */
@QuarkusTest
class MetricsTest {

    private static final String COUNTER =
            "voicemail_decisions_total\\{action=\"HANG_UP\",agency=\"default\",client=\"metrics-never\",policy=\"never\"\\} ([0-9.]+)";

    @TestHTTPResource(value = "/metrics", management = true) // the management root is /q
    URL metrics;

    @Test
    void countsAndTimesDecisions() {
        putClient("metrics-never", "never", null);
        double before = count(COUNTER, scrape());
        for (int i = 0; i < 3; i++) {
            api().body("{\"clientId\": \"metrics-never\", \"prospect\": {\"id\": \"p\"}}").post("/v1/decisions")
                    .then().statusCode(200);
        }
        String text = scrape();
        assertEquals(before + 3, count(COUNTER, text), 0.0001);
        assertTrue(text.contains("voicemail_decision_duration_seconds_count{policy=\"never\"}"), text);
    }

    @Test
    void twoAgenciesClientsOfOneIdAreTwoSeries() {
        Api.Agency first = Api.newAgency("metrics");
        Api.Agency second = Api.newAgency("metrics");
        first.client("brightpath", "never");
        second.client("brightpath", "never");
        for (int i = 0; i < 2; i++) {
            first.asCrm().body(Map.of("clientId", "brightpath", "prospect", Map.of("id", "p"))).post("/v1/decisions")
                    .then().statusCode(200);
        }
        second.asCrm().body(Map.of("clientId", "brightpath", "prospect", Map.of("id", "p"))).post("/v1/decisions")
                .then().statusCode(200);
        String text = scrape();
        assertEquals(2, count(series(first.name()), text), 0.0001, text);
        assertEquals(1, count(series(second.name()), text), 0.0001, text);
    }

    @Test
    void theApiPortDoesNotServeMetrics() {
        RestAssured.given().get("/q/metrics").then().statusCode(404);
        Api.operator().get("/q/metrics").then().statusCode(404);
    }

    private static String series(String agency) {
        return "voicemail_decisions_total\\{action=\"HANG_UP\",agency=\"" + Pattern.quote(agency)
                + "\",client=\"brightpath\",policy=\"never\"\\} ([0-9.]+)";
    }

    private String scrape() {
        io.restassured.response.Response r = RestAssured.given().get(metrics);
        assertEquals(200, r.statusCode(), metrics + " answered " + r.asString());
        return r.asString();
    }

    private static double count(String series, String metrics) {
        Matcher m = Pattern.compile(series).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
