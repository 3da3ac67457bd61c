package dev.voicemail.experiments;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.restassured.path.json.JsonPath;

/**
 * The report through HTTP on known data: prospects, decisions and voicemails per arm from the log's
 * experiment and arm columns; outcomes counted once per prospect, only within the experiment's window
 * from the prospect's first call, a repeated event once, another agency's never; the observational
 * report over the same client.
 */
abstract class ExperimentReportTests {

    private static final String T0 = "2026-09-01T10:35:00-05:00";
    private static final String T1 = "2026-09-02T10:35:00-05:00";

    private Map<String, Object> decision(String client, String prospect, String at) {
        return Map.of("clientId", client, "prospect", Map.of("id", prospect, "timezone", "America/Chicago"),
                "call", Map.of("at", at, "remainingAttemptsToday", 0));
    }

    private static Map<String, Object> outcome(String client, String prospect, String kind, String eventId, String at) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("clientId", client);
        o.put("prospectId", prospect);
        o.put("kind", kind);
        o.put("eventId", eventId);
        o.put("occurredAt", at);
        return o;
    }

    @Test
    void theReportCountsWhatHappenedPerArm() {
        Api.Agency agency = Api.newAgency("rep");
        String client = Api.unique("c");
        agency.client(client, "never");
        String base = "/v1/clients/" + client + "/experiments/vm";
        agency.asAdmin().body(ExperimentApiTests.experiment(List.of(ExperimentApiTests.arm("no-voicemail", "never", 1),
                        ExperimentApiTests.arm("voicemail", "always", 1))))
                .put(base).then().statusCode(201);
        Map<String, Object> window = new HashMap<>(ExperimentApiTests.voicemailOrNot());
        window.put("windowDays", 7);
        window.put("plannedProspectsPerArm", 10);
        agency.asAdmin().body(window).put(base).then().statusCode(200);
        agency.asAdmin().post(base + "/start").then().statusCode(200);

        Map<String, String> armOf = new LinkedHashMap<>();
        Map<String, long[]> perArm = new HashMap<>(); // decisions, voicemails
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String p = "p-" + i;
            List<String> calls = i % 3 == 0 ? List.of(T0, T1) : List.of(T0);
            for (String at : calls) {
                JsonPath a = agency.asCrm().body(decision(client, p, at)).post("/v1/decisions").then().statusCode(200)
                        .extract().jsonPath();
                armOf.put(p, a.getString("experiment.arm"));
                long[] c = perArm.computeIfAbsent(a.getString("experiment.arm"), k -> new long[2]);
                c[0]++;
                c[1] += a.getString("action").equals("LEAVE_VOICEMAIL") ? 1 : 0;
                ids.add(a.getString("decisionId"));
            }
        }
        // the same client id and prospect ids in another agency, with outcomes of its own
        Api.Agency other = Api.newAgency("rep-other");
        other.client(client, "always");
        other.asCrm().body(decision(client, "p-1", T0)).post("/v1/decisions").then().statusCode(200);
        awaitLogged(agency, ids);

        // callbacks: p-1 and p-2 (twice, and one event reported twice), p-4 too late for the 7-day window; a reply of p-5
        List<Map<String, Object>> outcomes = List.of(
                outcome(client, "p-1", "CALLBACK", "e1", "2026-09-03T09:00:00-05:00"),
                outcome(client, "p-2", "CALLBACK", "e2", "2026-09-03T09:00:00-05:00"),
                outcome(client, "p-2", "CALLBACK", "e3", "2026-09-04T09:00:00-05:00"),
                outcome(client, "p-4", "CALLBACK", "e4", "2026-09-10T09:00:00-05:00"),
                outcome(client, "p-5", "REPLY", "e5", "2026-09-02T09:00:00-05:00"));
        agency.asCrm().body(Map.of("outcomes", outcomes)).post("/v1/outcomes").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        agency.asCrm().body(Map.of("outcomes", List.of(outcomes.get(0)))).post("/v1/outcomes")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)); // a duplicate
        other.asCrm().body(Map.of("outcomes", List.of(outcome(client, "p-7", "CALLBACK", "x", "2026-09-03T09:00:00-05:00"),
                outcome(client, "p-1", "CALLBACK", "y", "2026-09-03T09:00:00-05:00"))))
                .post("/v1/outcomes").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        JsonPath report = agency.asAdmin().get(base + "/report").then().statusCode(200)
                .body("experimentId", equalTo("vm")).body("primaryMetric", equalTo("callback")).extract().jsonPath();
        List<String> arms = List.of("no-voicemail", "voicemail");
        for (int i = 0; i < 2; i++) {
            String arm = arms.get(i);
            String at = "arms[" + i + "].";
            assertEquals(arm, report.getString(at + "name"));
            long prospects = armOf.values().stream().filter(arm::equals).count();
            assertEquals(prospects, report.getLong(at + "prospects"), arm);
            long[] counted = perArm.getOrDefault(arm, new long[2]);
            assertEquals(counted[0], report.getLong(at + "decisions"), arm + " decisions");
            assertEquals(counted[1], report.getLong(at + "voicemailsLeft"), arm + " voicemails");
            assertEquals(arm.equals("voicemail") ? counted[0] : 0, counted[1], "always leaves, never does not");
            long callbacks = List.of("p-1", "p-2").stream().filter(p -> arm.equals(armOf.get(p))).count();
            assertEquals(callbacks, report.getLong(at + "metrics.callback.prospects"), arm + " callbacks");
            long replies = arm.equals(armOf.get("p-5")) ? 1 : 0;
            assertEquals(replies, report.getLong(at + "metrics.reply.prospects"), arm + " replies");
            double rate = report.getDouble(at + "metrics.callback.rate");
            assertEquals((double) callbacks / prospects, rate, 1e-6);
            assertTrue(report.getDouble(at + "metrics.callback.interval.low") <= rate
                    && rate <= report.getDouble(at + "metrics.callback.interval.high"), report.prettify());
        }
        double difference = report.getDouble("arms[1].metrics.callback.rate") - report.getDouble("arms[0].metrics.callback.rate");
        assertEquals(difference, report.getDouble("arms[1].metrics.callback.differenceFromFirst.estimate"), 1e-5);
        assertTrue(report.get("arms[0].metrics.callback.differenceFromFirst") == null);
        boolean reached = armOf.values().stream().filter("voicemail"::equals).count() >= 10
                && armOf.values().stream().filter("no-voicemail"::equals).count() >= 10;
        assertEquals(reached, report.getBoolean("verdict.plannedSampleReached"), report.prettify());
        assertTrue(report.getString("verdict.text").contains("callback"), report.prettify());

        // observational: every decision of the client, voicemail left or not
        JsonPath evidence = agency.asAdmin().get("/v1/clients/" + client + "/evidence").then().statusCode(200)
                .body("kind", equalTo("observational")).extract().jsonPath();
        long left = perArm.values().stream().mapToLong(c -> c[1]).sum();
        long all = perArm.values().stream().mapToLong(c -> c[0]).sum();
        assertEquals("voicemail-left", evidence.getString("groups[0].name"));
        assertEquals(left, evidence.getLong("groups[0].decisions"));
        assertEquals(all - left, evidence.getLong("groups[1].decisions"));
        long leftCallbacks = List.of("p-1", "p-2", "p-4").stream().filter(p -> "voicemail".equals(armOf.get(p))).count();
        assertEquals(leftCallbacks, evidence.getLong("groups[0].metrics.callback.prospects"), evidence.prettify());
        assertEquals(3 - leftCallbacks, evidence.getLong("groups[1].metrics.callback.prospects"), evidence.prettify());
        agency.asAdmin().get("/v1/clients/" + client + "/evidence?from=yesterday").then().statusCode(400).body("field", equalTo("from"));
        // a time that parses but has no instant in UTC (was a 500), or one PostgreSQL cannot hold (a 500 there)
        for (String field : List.of("from", "to")) {
            for (String time : List.of("-999999999-01-01T00:00:00+18:00", "+999999999-12-31T23:59:59-18:00",
                    "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
                agency.asAdmin().queryParam(field, time).get("/v1/clients/" + client + "/evidence").then().statusCode(400)
                        .body("error", equalTo("invalid_request")).body("field", equalTo(field));
            }
        }
        agency.asAdmin().get("/v1/clients/nobody/evidence").then().statusCode(404);
    }

    private static void awaitLogged(Api.Agency agency, List<String> ids) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (String id : ids) {
            while (agency.asAdmin().get("/v1/decisions/" + id).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "decision " + id + " never reached the log");
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
