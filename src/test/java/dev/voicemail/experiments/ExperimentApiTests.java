package dev.voicemail.experiments;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.api.ApiException;
import dev.voicemail.testing.Api;

import io.restassured.path.json.JsonPath;

/**
 * Experiments through HTTP: set-up and its validation, versions, what a started experiment keeps,
 * one running experiment per client, roles and agencies; then decisions in the arms (the answer and
 * the log name the arm, the same prospect always gets the same arm, the guards of the common rules
 * still hold in every arm) and the split's balance over 10,000 prospects.
 */
abstract class ExperimentApiTests {

    @Inject
    ExperimentRepository experiments;

    private Api.Agency agency;
    private String clientId;
    private String base;

    @BeforeEach
    void client() {
        agency = Api.newAgency("exp");
        clientId = Api.unique("c");
        agency.client(clientId, "never");
        base = "/v1/clients/" + clientId + "/experiments/";
    }

    static Map<String, Object> arm(String name, String policy, int weight) {
        return arm(name, policy, Map.of(), weight);
    }

    static Map<String, Object> arm(String name, String policy, Map<String, Object> parameters, int weight) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", name);
        a.put("policy", policy);
        a.put("parameters", parameters);
        a.put("weight", weight);
        return a;
    }

    static Map<String, Object> experiment(List<Map<String, Object>> arms) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("description", "voicemail or not");
        e.put("arms", arms);
        e.put("primaryMetric", "callback");
        e.put("windowDays", 14);
        e.put("plannedProspectsPerArm", 500);
        return e;
    }

    static Map<String, Object> voicemailOrNot() {
        return experiment(List.of(arm("no-voicemail", "never", 1), arm("voicemail", "always", 1)));
    }

    @Test
    void setUpReadListAndVersions() {
        agency.asAdmin().body(voicemailOrNot()).put(base + "vm").then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", org.hamcrest.Matchers.endsWith(base + "vm"))
                .body("status", equalTo("DRAFT")).body("primaryMetric", equalTo("callback"))
                .body("arms.name", equalTo(List.of("no-voicemail", "voicemail"))).body("arms[1].weight", equalTo(1));
        agency.asAdmin().get(base + "vm").then().statusCode(200).header("ETag", "\"1\"").body("clientId", equalTo(clientId));
        Map<String, Object> changed = voicemailOrNot();
        changed.put("arms", List.of(arm("no-voicemail", "never", 1), arm("voicemail", "always", 3)));
        agency.asAdmin().header("If-Match", "\"1\"").body(changed).put(base + "vm").then().statusCode(200)
                .header("ETag", "\"2\"").body("arms[1].weight", equalTo(3));
        agency.asAdmin().header("If-Match", "\"1\"").body(voicemailOrNot()).put(base + "vm").then().statusCode(412)
                .body("field", equalTo("If-Match"));
        agency.asAdmin().header("If-Match", "*").body(voicemailOrNot()).put(base + "other").then().statusCode(412);
        agency.asAdmin().body(voicemailOrNot()).put(base + "second").then().statusCode(201);
        agency.asAdmin().get("/v1/clients/" + clientId + "/experiments").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", equalTo(List.of("second", "vm")));
        agency.asAdmin().get(base + "missing").then().statusCode(404);
    }

    @Test
    void everyBadInputIsA4xxNamingTheField() {
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("arms", with("arms", null));
        cases.put("arms ", with("arms", List.of(arm("a", "always", 1))));
        cases.put("arms  ", with("arms", java.util.Collections.nCopies(11, arm("a", "always", 1))));
        cases.put("arms[1].name", with("arms", List.of(arm("a", "always", 1), arm("a", "never", 1))));
        cases.put("arms[0].name", with("arms", List.of(arm("no spaces", "always", 1), arm("b", "never", 1))));
        cases.put("arms[1].policy", with("arms", List.of(arm("a", "always", 1), arm("b", "nevr", 1))));
        cases.put("arms[0].parameters.callsBetweenVoicemails", with("arms", List.of(
                arm("a", "cadence", Map.of("callsBetweenVoicemails", "two"), 1), arm("b", "never", 1))));
        cases.put("arms[1].parameters.noSuchParameter", with("arms", List.of(
                arm("a", "always", 1), arm("b", "cadence", Map.of("noSuchParameter", 2), 1))));
        cases.put("arms[0].weight", with("arms", List.of(arm("a", "always", 0), arm("b", "never", 1))));
        cases.put("arms[1].weight", with("arms", List.of(arm("a", "always", 1), arm("b", "never", 1001))));
        cases.put("primaryMetric", with("primaryMetric", "clicks"));
        cases.put("primaryMetric ", with("primaryMetric", null));
        cases.put("windowDays", with("windowDays", 0));
        cases.put("windowDays ", with("windowDays", 91));
        cases.put("plannedProspectsPerArm", with("plannedProspectsPerArm", 5));
        cases.put("plannedProspectsPerArm ", with("plannedProspectsPerArm", null));
        cases.put("description", with("description", "x".repeat(1001)));
        cases.put("surprise", with("surprise", true));
        cases.put("windowDays  ", with("windowDays", "two weeks"));
        cases.forEach((field, body) -> {
            JsonPath answer = agency.asAdmin().body(body).put(base + "bad").then().extract().jsonPath();
            int status = agency.asAdmin().body(body).put(base + "bad").statusCode();
            assertTrue(status >= 400 && status < 500, field + ": " + status);
            assertEquals(field.strip(), answer.getString("field"), () -> field + ": " + answer.prettify());
        });
        agency.asAdmin().body("{\"arms\": [").put(base + "bad").then().statusCode(400);
        agency.asAdmin().body(voicemailOrNot()).put(base + "bad id!").then().statusCode(400).body("field", equalTo("experimentId"));
        agency.asAdmin().body(voicemailOrNot()).put("/v1/clients/nobody/experiments/x").then().statusCode(404);
        agency.asAdmin().get(base + "bad").then().statusCode(404); // nothing was stored
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = voicemailOrNot();
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body;
    }

    @Test
    void aStartedExperimentKeepsItsArmsAndSplitAndAClientRunsOneAtATime() {
        agency.asAdmin().body(voicemailOrNot()).put(base + "first").then().statusCode(201);
        agency.asAdmin().body(voicemailOrNot()).put(base + "second").then().statusCode(201);
        agency.asAdmin().post(base + "first/stop").then().statusCode(409).body("field", equalTo("status")); // never started
        agency.asAdmin().post(base + "first/start").then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("startedAt", org.hamcrest.Matchers.notNullValue()).header("ETag", "\"2\"");
        agency.asAdmin().post(base + "first/start").then().statusCode(200).header("ETag", "\"2\""); // unchanged

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("arms[1].weight", "weight");
        refusals.put("arms[0].policy", "policy");
        refusals.put("arms[1].parameters", "parameters");
        refusals.put("arms[0].name", "name");
        refusals.put("arms", "count");
        refusals.forEach((field, change) -> {
            List<Map<String, Object>> arms = new ArrayList<>(List.of(arm("no-voicemail", "never", 1), arm("voicemail", "always", 1)));
            switch (change) {
                case "weight" -> arms.set(1, arm("voicemail", "always", 2));
                case "policy" -> arms.set(0, arm("no-voicemail", "only-after-contact", 1));
                case "parameters" -> arms.set(1, arm("voicemail", "always", Map.of("callingHoursEnd", "19:00"), 1));
                case "name" -> arms.set(0, arm("control", "never", 1));
                default -> arms.add(arm("third", "persistent", 1));
            }
            agency.asAdmin().body(with("arms", arms)).put(base + "first").then().statusCode(409)
                    .body("field", equalTo(field));
        });
        // what is not the arms or the split may change while it runs
        agency.asAdmin().body(with("plannedProspectsPerArm", 800)).put(base + "first").then().statusCode(200)
                .body("plannedProspectsPerArm", equalTo(800)).body("status", equalTo("RUNNING"));

        agency.asAdmin().post(base + "second/start").then().statusCode(409).body("field", equalTo("experimentId"))
                .body("message", org.hamcrest.Matchers.containsString("first"));
        agency.asAdmin().post(base + "first/stop").then().statusCode(200).body("status", equalTo("STOPPED"));
        agency.asAdmin().post(base + "first/stop").then().statusCode(200).body("status", equalTo("STOPPED"));
        agency.asAdmin().post(base + "first/start").then().statusCode(409).body("field", equalTo("status"));
        agency.asAdmin().body(with("arms", List.of(arm("a", "always", 1), arm("b", "never", 1)))).put(base + "first")
                .then().statusCode(409).body("field", equalTo("arms[0].name")); // stopped: still fixed
        agency.asAdmin().post(base + "second/start").then().statusCode(200).body("status", equalTo("RUNNING"));
        agency.asAdmin().post(base + "missing/start").then().statusCode(404);
    }

    @Test
    void onlyTheAgencysAdminsSeeItsExperiments() {
        agency.asAdmin().body(voicemailOrNot()).put(base + "vm").then().statusCode(201);
        agency.asCrm().get(base + "vm").then().statusCode(403);
        agency.asCrm().body(voicemailOrNot()).put(base + "vm").then().statusCode(403);
        agency.asCrm().post(base + "vm/start").then().statusCode(403);
        agency.asCrm().get(base + "vm/report").then().statusCode(403);
        agency.asCrm().get("/v1/clients/" + clientId + "/evidence").then().statusCode(403);
        Api.Agency other = Api.newAgency("exp-other");
        other.asAdmin().get(base + "vm").then().statusCode(404);
        other.asAdmin().post(base + "vm/start").then().statusCode(404);
        other.asAdmin().get(base + "vm/report").then().statusCode(404);
        other.asAdmin().body(voicemailOrNot()).put(base + "vm").then().statusCode(404); // no such client there
        other.asAdmin().get("/v1/clients/" + clientId + "/experiments").then().statusCode(404);
        Api.given().get(base.replace("/experiments/", "/%65xperiments/") + "vm").then().statusCode(404); // operator: another agency
        io.restassured.RestAssured.given().get(base + "vm").then().statusCode(401);
    }

    private Map<String, Object> decision(String prospectId, List<Map<String, Object>> attempts, String at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("clientId", clientId);
        d.put("prospect", Map.of("id", prospectId, "timezone", "America/Chicago"));
        d.put("call", Map.of("at", at, "remainingAttemptsToday", 0));
        d.put("attempts", attempts);
        return d;
    }

    private Map<String, Object> decision(String prospectId) {
        return decision(prospectId, List.of(), "2026-11-23T10:35:00-06:00");
    }

    @Test
    void decisionsAreMadeInTheProspectsArmWhichNeverChanges() {
        agency.asAdmin().body(voicemailOrNot()).put(base + "vm").then().statusCode(201);
        agency.asCrm().body(decision("p-0")).post("/v1/decisions").then().statusCode(200)
                .body("experiment", nullValue()).body("action", equalTo("HANG_UP")); // a draft decides nothing
        agency.asAdmin().post(base + "vm/start").then().statusCode(200);
        Map<String, String> arms = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 30; i++) {
                JsonPath answer = agency.asCrm().body(decision("p-" + i)).post("/v1/decisions").then().statusCode(200)
                        .body("experiment.id", equalTo("vm")).extract().jsonPath();
                String arm = answer.getString("experiment.arm");
                assertEquals(arm.equals("voicemail") ? "always" : "never", answer.getString("policy"));
                assertEquals(arm.equals("voicemail") ? "LEAVE_VOICEMAIL" : "HANG_UP", answer.getString("action"));
                String before = arms.putIfAbsent("p-" + i, arm);
                assertTrue(before == null || before.equals(arm), "p-" + i + " moved from " + before + " to " + arm);
                if (round == 0 && i == 0) {
                    // the log keeps the experiment and the arm with the answer
                    agency.asAdmin().get("/v1/decisions/" + answer.getString("decisionId")).then().statusCode(200)
                            .body("answer.experiment.arm", equalTo(arm));
                }
            }
        }
        assertEquals(Set.of("voicemail", "no-voicemail"), new HashSet<>(arms.values()), "30 prospects reach both arms");
        // the batch endpoint assigns the same arms
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(decision("p-" + i));
        }
        List<String> batchArms = agency.asCrm().body(Map.of("requests", items)).post("/v1/decisions/batch").then().statusCode(200)
                .extract().jsonPath().getList("results.experiment.arm");
        for (int i = 0; i < 30; i++) {
            assertEquals(arms.get("p-" + i), batchArms.get(i), "p-" + i + " in a batch");
        }
        agency.asAdmin().post(base + "vm/stop").then().statusCode(200);
        agency.asCrm().body(decision("p-1")).post("/v1/decisions").then().statusCode(200)
                .body("experiment", nullValue()).body("policy", equalTo("never"));
    }

    /**
     * Stopping a stopped experiment changes nothing, also for the one that runs now: before, it made this replica
     * forget the running experiment until its copy aged out (voicemail.clients.cache-ttl), and the client's
     * decisions meanwhile left the arms (a retried or double-clicked stop sent prospects of an arm to the client's policy).
     */
    @Test
    void stoppingAStoppedExperimentLeavesTheRunningOneDeciding() {
        agency.asAdmin().body(voicemailOrNot()).put(base + "old").then().statusCode(201);
        agency.asAdmin().body(voicemailOrNot()).put(base + "now").then().statusCode(201);
        agency.asAdmin().post(base + "old/start").then().statusCode(200);
        agency.asAdmin().post(base + "old/stop").then().statusCode(200);
        agency.asAdmin().post(base + "now/start").then().statusCode(200);
        agency.asCrm().body(decision("p-1")).post("/v1/decisions").then().statusCode(200).body("experiment.id", equalTo("now"));
        agency.asAdmin().post(base + "old/stop").then().statusCode(200).body("status", equalTo("STOPPED"));
        // at once, well within the copies' 2 s
        agency.asCrm().body(decision("p-1")).post("/v1/decisions").then().statusCode(200).body("experiment.id", equalTo("now"));
        agency.asAdmin().post(base + "now/stop").then().statusCode(200);
        agency.asCrm().body(decision("p-1")).post("/v1/decisions").then().statusCode(200).body("experiment", nullValue());
    }

    /**
     * A deleted client runs nothing: created again under the same id, it decides under its own policy,
     * not in the arms of the experiment the deleted one ran (which is kept, stopped, for its evidence).
     */
    @Test
    void aDeletedClientsExperimentStopsWithIt() {
        agency.asAdmin().body(voicemailOrNot()).put(base + "before").then().statusCode(201);
        agency.asAdmin().post(base + "before/start").then().statusCode(200);
        agency.asCrm().body(decision("p-1")).post("/v1/decisions").then().statusCode(200).body("experiment.id", equalTo("before"));
        agency.asAdmin().delete("/v1/clients/" + clientId).then().statusCode(204);
        agency.asAdmin().get(base + "before").then().statusCode(200).body("status", equalTo("STOPPED"))
                .body("stoppedAt", notNullValue());
        agency.client(clientId, "never");
        // at once, well within the copies' 2 s
        for (String p : List.of("p-1", "p-2", "p-3", "p-4")) {
            agency.asCrm().body(decision(p)).post("/v1/decisions").then().statusCode(200)
                    .body("experiment", nullValue()).body("policy", equalTo("never"));
        }
        // and a new experiment can start for the client created again
        agency.asAdmin().body(voicemailOrNot()).put(base + "after").then().statusCode(201);
        agency.asAdmin().post(base + "after/start").then().statusCode(200).body("status", equalTo("RUNNING"));
    }

    /**
     * Starting an experiment of a client deleted after the request was checked (the resource's check
     * passed, the deletion came before the start's transaction) is a 404, and nothing runs.
     */
    @Test
    void anExperimentOfADeletedClientDoesNotStart() {
        agency.asAdmin().body(voicemailOrNot()).put(base + "orphan").then().statusCode(201);
        agency.asAdmin().delete("/v1/clients/" + clientId).then().statusCode(204);
        agency.asAdmin().post(base + "orphan/start").then().statusCode(404);
        // past the resource's check, as a deletion racing the start would be
        ApiException refused = assertThrows(ApiException.class, () -> experiments.start(agency.name(), clientId, "orphan"));
        assertEquals(404, refused.status());
        agency.asAdmin().get(base + "orphan").then().statusCode(200).body("status", equalTo("DRAFT"));
        agency.client(clientId, "never");
        agency.asCrm().body(decision("p-1")).post("/v1/decisions").then().statusCode(200).body("experiment", nullValue());
    }

    @Test
    void theGuardsOfTheCommonRulesHoldInEveryArm() {
        // both arms would leave a voicemail on a plain last call of the day
        agency.asAdmin().body(experiment(List.of(arm("always", "always", 1),
                arm("cadence-0", "cadence", Map.of("callsBetweenVoicemails", 0), 1)))).put(base + "guards").then().statusCode(201);
        agency.asAdmin().post(base + "guards/start").then().statusCode(200);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String p = "g-" + i;
            JsonPath plain = agency.asCrm().body(decision(p)).post("/v1/decisions").then().statusCode(200).extract().jsonPath();
            assertEquals("LEAVE_VOICEMAIL", plain.getString("action"), () -> plain.prettify());
            String arm = plain.getString("experiment.arm");
            seen.add(arm);

            JsonPath optedOut = agency.asCrm().body(decision(p, List.of(Map.of("at", "2026-11-20T10:00:00-06:00",
                    "channel", "CALL", "outcome", "OPTED_OUT")), "2026-11-23T10:35:00-06:00")).post("/v1/decisions")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("HANG_UP", optedOut.getString("action"), () -> arm + ": " + optedOut.prettify());
            assertEquals(arm, optedOut.getString("experiment.arm"));
            assertTrue(optedOut.getList("reasons.rule").contains("never contact a prospect who opted out"), optedOut::prettify);

            JsonPath late = agency.asCrm().body(decision(p, List.of(), "2026-11-23T22:30:00-06:00")).post("/v1/decisions")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("HANG_UP", late.getString("action"), () -> arm + " at 22:30: " + late.prettify());
            assertTrue(late.getList("reasons.rule").contains("no voicemail outside the federal calling hours"), late::prettify);

            JsonPath badNumber = agency.asCrm().body(decision(p, List.of(Map.of("at", "2026-11-23T09:00:00-06:00",
                    "channel", "CALL", "outcome", "BAD_NUMBER")), "2026-11-23T10:35:00-06:00")).post("/v1/decisions")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("HANG_UP", badNumber.getString("action"), () -> arm + " after a bad number: " + badNumber.prettify());
        }
        assertEquals(Set.of("always", "cadence-0"), seen);
    }

    /**
     * 10,000 prospects through the batch endpoint, split 1:1:2: a chi-square test of the arms' counts
     * against the split does not reject it (p-value from Commons Statistics).
     */
    @Test
    void theSplitHoldsOver10000Prospects() {
        agency.asAdmin().body(experiment(List.of(arm("a", "never", 1), arm("b", "always", 1), arm("c", "persistent", 2))))
                .put(base + "split").then().statusCode(201);
        agency.asAdmin().post(base + "split/start").then().statusCode(200);
        Map<String, Integer> counts = new HashMap<>();
        for (int batch = 0; batch < 2; batch++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                items.add(decision("prospect-" + (batch * 5000 + i)));
            }
            List<String> arms = agency.asCrm().body(Map.of("requests", items)).post("/v1/decisions/batch").then().statusCode(200)
                    .extract().jsonPath().getList("results.experiment.arm");
            arms.forEach(a -> counts.merge(a, 1, Integer::sum));
        }
        double[] expected = {2500, 2500, 5000};
        String[] names = {"a", "b", "c"};
        double chi2 = 0;
        for (int i = 0; i < 3; i++) {
            double o = counts.getOrDefault(names[i], 0);
            chi2 += (o - expected[i]) * (o - expected[i]) / expected[i];
        }
        double p = org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(2).survivalProbability(chi2);
        System.out.printf("split 1:1:2 over 10,000 prospects: %s, chi-square %.3f, p = %.3f%n", counts, chi2, p);
        assertEquals(10_000, counts.values().stream().mapToInt(Integer::intValue).sum());
        // The arms hash the agency and client, which are new in every run, so the counts vary from run
        // to run: at p > 0.05 a correct split failed one run in twenty (CI of 2026-12-04: p = 0.026,
        // with H2 and PostgreSQL each running it). A wrong split is far outside 0.001: arms weighted
        // 1:1:1 instead of 1:1:2 give a chi-square near 1,100, p below 1e-200.
        assertTrue(p > 0.001, "the split is rejected: " + counts + ", p = " + p);
    }
}
