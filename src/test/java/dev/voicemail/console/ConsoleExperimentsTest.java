package dev.voicemail.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The Experiments page over plain HTTP against the real API: an experiment set up, started, decided
 * and given outcomes through /v1 shows its arms, progress and report numbers (the API's own report,
 * compared figure by figure); start and stop are forms refused without the CSRF token; another
 * agency's session and a key without the role see none of it.
 */
@QuarkusTest
class ConsoleExperimentsTest {

    private static final String T0 = "2026-09-01T10:35:00-05:00";

    private static Map<String, Object> arm(String name, String policy) {
        return Map.of("name", name, "policy", policy, "parameters", Map.of(), "weight", 1);
    }

    private static Map<String, Object> experiment(int planned) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("description", "Does a voicemail bring more call-backs than none?");
        e.put("arms", List.of(arm("no-voicemail", "never"), arm("voicemail", "always")));
        e.put("primaryMetric", "callback");
        e.put("windowDays", 7);
        e.put("plannedProspectsPerArm", planned);
        return e;
    }

    private static String status(Api.Agency agency, String path) {
        return agency.asAdmin().get(path).then().statusCode(200).extract().path("status");
    }

    /** What Qute's HTML escaping makes of a text. */
    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    @Test
    void thePageShowsTheArmsAndTheReportOfARealExperimentAndItsFormsNeedTheToken() {
        Api.Agency a = Api.newAgency("exp-console");
        String client = Api.unique("c");
        a.client(client, "never");
        String api = "/v1/clients/" + client + "/experiments/vm";
        a.asAdmin().body(experiment(10)).put(api).then().statusCode(201);
        ConsoleForms browser = ConsoleForms.signedIn(a.admin());

        String nav = browser.get(ConsolePaths.CLIENTS).then().statusCode(200).extract().asString();
        assertTrue(nav.contains("href=\"/console/experiments\""), "an admin is not offered the Experiments page");
        String list = browser.request().queryParam("clientId", client).get(ConsolePaths.EXPERIMENTS)
                .then().statusCode(200).extract().asString();
        assertTrue(list.contains(">vm</a>") && list.contains("DRAFT") && list.contains("no-voicemail (never), voicemail (always)")
                && list.contains("<td>callback</td><td>10</td>"), list);

        String detail = ConsolePaths.EXPERIMENT + "?clientId=" + client + "&id=vm";
        String draft = browser.get(detail).then().statusCode(200).extract().asString();
        assertTrue(draft.contains("id=\"start\"") && !draft.contains("id=\"stop\""), draft);

        // start: refused without the token or with another, then done with the page's own
        Map<String, String> form = Map.of("clientId", client, "id", "vm");
        assertEquals(400, browser.post("/console/experiments/start", form).statusCode());
        Map<String, String> forged = new LinkedHashMap<>(form);
        forged.put("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(400, browser.post("/console/experiments/start", forged).statusCode());
        assertEquals("DRAFT", status(a, api));
        Response started = browser.submit("/console/experiments/start", form);
        assertEquals(303, started.statusCode(), started.asString());
        assertEquals("RUNNING", status(a, api));

        // decisions in the arms, and call-backs reported through POST /v1/outcomes
        Map<String, String> armOf = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            JsonPath d = a.asCrm().body(Map.of("clientId", client, "prospect", Map.of("id", "p-" + i, "timezone", "America/Chicago"),
                    "call", Map.of("at", T0, "remainingAttemptsToday", 0))).post("/v1/decisions").then().statusCode(200)
                    .extract().jsonPath();
            armOf.put("p-" + i, d.getString("experiment.arm"));
            ids.add(d.getString("decisionId"));
        }
        awaitLogged(a, ids);
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (String p : List.of("p-0", "p-1", "p-2", "p-5")) {
            outcomes.add(Map.of("clientId", client, "prospectId", p, "kind", "CALLBACK", "eventId", "cb-" + p,
                    "occurredAt", "2026-09-02T09:00:00-05:00"));
        }
        outcomes.add(Map.of("clientId", client, "prospectId", "p-3", "kind", "REPLY", "eventId", "r-p-3",
                "occurredAt", "2026-09-02T09:00:00-05:00"));
        a.asCrm().body(Map.of("outcomes", outcomes)).post("/v1/outcomes").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        JsonPath report = a.asAdmin().get(api + "/report").then().statusCode(200).extract().jsonPath();
        long callbacks = 0;
        for (int i = 0; i < 2; i++) {
            callbacks += report.getLong("arms[" + i + "].metrics.callback.prospects");
        }
        assertEquals(4, callbacks, report.prettify());

        String page = browser.get(detail).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"stop\"") && !page.contains("id=\"start\""), page);
        assertTrue(page.contains(html(report.getString("verdict.text"))), page);
        for (int i = 0; i < 2; i++) {
            String at = "arms[" + i + "].";
            String name = report.getString(at + "name");
            long prospects = armOf.values().stream().filter(name::equals).count();
            assertEquals(prospects, report.getLong(at + "prospects"));
            // per arm prospects, decisions, voicemails left as the API reports them
            assertTrue(page.contains("<tr><th scope=\"row\">" + name + "</th><td>" + prospects + "</td><td>"
                    + report.getLong(at + "decisions") + "</td><td>" + report.getLong(at + "voicemailsLeft") + "</td></tr>"), page);
            // progress toward the planned 10
            assertTrue(page.contains(prospects + " of 10 prospects (" + Math.min(100, prospects * 10) + "%)"), page);
            assertTrue(page.contains("max=\"10\" value=\"" + Math.min(10, prospects) + "\""), page);
            // the primary metric's row: count, rate, interval and difference
            String m = at + "metrics.callback.";
            String difference = i == 0 ? "baseline" : String.format(Locale.ROOT, "%+.1f pp", report.getDouble(m + "differenceFromFirst.estimate") * 100);
            String row = "<tr class=\"primary\"><th scope=\"row\">" + name + "</th><td>callback (primary)</td><td>"
                    + report.getLong(m + "prospects") + " of " + prospects + "</td><td>" + percent(report.getDouble(m + "rate"))
                    + "</td><td>" + percent(report.getDouble(m + "interval.low")) + " to " + percent(report.getDouble(m + "interval.high"))
                    + "</td><td>" + difference + "</td>";
            assertTrue(page.contains(row), row + "\n" + page);
            // the chart says the same numbers
            assertTrue(page.contains(name + " " + percent(report.getDouble(m + "rate")) + " ("
                    + percent(report.getDouble(m + "interval.low")) + " to " + percent(report.getDouble(m + "interval.high")) + ")"), page);
        }
        long replies = "voicemail".equals(armOf.get("p-3")) ? 1 : 0;
        assertTrue(page.contains("<th scope=\"row\">voicemail</th><td>reply</td><td>" + replies + " of "), page);
        assertTrue(Pattern.compile("<svg id=\"chart\" role=\"img\" aria-label=\"callback rate per arm").matcher(page).find(), page);
        assertTrue(page.contains("<title>callback rate per arm"), page);

        // stop: refused without the token, then done
        assertEquals(400, browser.post("/console/experiments/stop", form).statusCode());
        assertEquals("RUNNING", status(a, api));
        Response stopped = browser.submit("/console/experiments/stop", form);
        assertEquals(303, stopped.statusCode());
        assertEquals("STOPPED", status(a, api));
        String after = browser.get(stopped.header("Location")).then().statusCode(200).extract().asString();
        assertTrue(after.contains("id=\"notice\"") && !after.contains("id=\"stop\"") && !after.contains("id=\"start\""), after);
        // an API refusal is explained on the page: a stopped experiment cannot start again
        Response again = browser.submit("/console/experiments/start", form);
        assertEquals(409, again.statusCode());
        assertTrue(again.asString().contains("Not started:"), again.asString());
        assertEquals("STOPPED", status(a, api));
    }

    @Test
    void anotherAgencysSessionAndACrmKeySeeNoneOfIt() {
        Api.Agency a = Api.newAgency("exp-owner");
        Api.Agency b = Api.newAgency("exp-other");
        String client = Api.unique("c");
        a.client(client, "never");
        b.client(client, "always"); // the same client id in B, without experiments
        String api = "/v1/clients/" + client + "/experiments/secret-test";
        a.asAdmin().body(experiment(10)).put(api).then().statusCode(201);

        ConsoleForms other = ConsoleForms.signedIn(b.admin());
        String list = other.request().queryParam("clientId", client).get(ConsolePaths.EXPERIMENTS)
                .then().statusCode(200).extract().asString();
        assertFalse(list.contains("secret-test"), list);
        assertTrue(list.contains("id=\"no-experiments\""), list);
        Response detail = other.request().queryParam("clientId", client).queryParam("id", "secret-test").get(ConsolePaths.EXPERIMENT);
        assertEquals(404, detail.statusCode());
        assertFalse(detail.asString().contains("no-voicemail"), detail.asString());
        // B's own token on a form naming A's experiment changes nothing
        other.get(ConsolePaths.EXPERIMENTS);
        assertEquals(404, other.submit("/console/experiments/start", Map.of("clientId", client, "id", "secret-test")).statusCode());
        assertEquals("DRAFT", status(a, api));
        // a client B does not have at all
        other.request().queryParam("clientId", Api.unique("none")).get(ConsolePaths.EXPERIMENTS).then().statusCode(404);

        ConsoleForms crm = ConsoleForms.signedIn(a.crm());
        String page = crm.get(ConsolePaths.DECISIONS).then().statusCode(200).extract().asString();
        assertFalse(page.contains("href=\"/console/experiments\""), "a crm key is offered the Experiments page");
        crm.request().queryParam("clientId", client).get(ConsolePaths.EXPERIMENTS).then().statusCode(403);
        crm.request().queryParam("clientId", client).queryParam("id", "secret-test").get(ConsolePaths.EXPERIMENT).then().statusCode(403);
        assertEquals(403, crm.submit("/console/experiments/start", Map.of("clientId", client, "id", "secret-test")).statusCode());
        assertEquals("DRAFT", status(a, api));

        // and without a session, the page and its forms send to sign-in
        for (String path : List.of(ConsolePaths.EXPERIMENTS, ConsolePaths.EXPERIMENT + "?clientId=" + client + "&id=secret-test")) {
            Response r = io.restassured.RestAssured.given().redirects().follow(false).get(path);
            assertEquals(303, r.statusCode(), path);
            assertTrue(r.header("Location").endsWith(ConsolePaths.SIGN_IN), path);
        }
        assertEquals("DRAFT", status(a, api));
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
