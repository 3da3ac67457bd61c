package dev.voicemail.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Markup in anything the console shows is shown as text, never run: a CRM key's prospect id and
 * rep name (a stored attack from a lesser role on the admin's session), an admin's client name,
 * value proposition and experiment description, and the filters a link can carry (a reflected one).
 * Each page is checked to show the text (escaped), so that a page that stopped showing the field
 * would not pass for a safe one.
 */
@QuarkusTest
class ConsoleEscapingTest {

    private static final String MARKUP = "\"><img src=x onerror=alert(1)><script>alert('xss')</script>";

    /** What Qute's HTML escaping makes of a text. */
    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Test
    void markupSentThroughTheApiOrALinkIsShownAsTextOnEveryPage() {
        Api.Agency a = Api.newAgency("escape");
        String client = Api.unique("c");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", MARKUP);
        body.put("policy", "always");
        body.put("timezone", "America/Chicago");
        body.put("valuePropositions", List.of(MARKUP));
        a.asAdmin().body(body).put("/v1/clients/" + client).then().statusCode(201);
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("description", MARKUP);
        experiment.put("arms", List.of(Map.of("name", "a", "policy", "never", "parameters", Map.of(), "weight", 1),
                Map.of("name", "b", "policy", "always", "parameters", Map.of(), "weight", 1)));
        experiment.put("primaryMetric", "callback");
        experiment.put("windowDays", 7);
        experiment.put("plannedProspectsPerArm", 10);
        a.asAdmin().body(experiment).put("/v1/clients/" + client + "/experiments/e1").then().statusCode(201);
        // the CRM's key: a lesser role whose text the admin's console shows
        String decisionId = a.asCrm().body(Map.of("clientId", client, "prospect", Map.of("id", MARKUP),
                        "call", Map.of("at", "2026-11-23T10:35:00-06:00", "remainingAttemptsToday", 0,
                                "rep", Map.of("name", MARKUP, "phone", "+1 512 555 0100"))))
                .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");

        ConsoleForms browser = ConsoleForms.signedIn(a.admin());
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("clients", ConsolePaths.CLIENTS);
        pages.put("clients, searched", ConsolePaths.CLIENTS + "?q=" + MARKUP); // RestAssured encodes it
        pages.put("client", ConsolePaths.CLIENT_EDIT + "?id=" + client);
        pages.put("decisions", ConsolePaths.DECISIONS + "?clientId=" + client);
        pages.put("decisions, filtered", ConsolePaths.DECISIONS + "?clientId=" + client + "&prospectId=" + MARKUP); // RestAssured encodes it
        pages.put("decision", ConsolePaths.DECISION + "?id=" + decisionId);
        pages.put("experiments", ConsolePaths.EXPERIMENTS + "?clientId=" + client);
        pages.put("experiment", ConsolePaths.EXPERIMENT + "?clientId=" + client + "&id=e1");
        List<String> problems = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, String> page : pages.entrySet()) {
            String text = browser.get(page.getValue()).then().statusCode(200).extract().asString();
            if (text.contains("<img src=x") || text.contains("<script>alert") || text.contains("onerror=alert(1)>")) {
                problems.add(page.getKey() + " shows the markup as markup");
            }
            if (text.contains(html(MARKUP)) || text.contains(html("<script>alert('xss')</script>"))) {
                shown++;
            } else {
                int at = text.indexOf("onerror");
                problems.add(page.getKey() + " does not show the text at all (escaped): the check proves nothing there: "
                        + (at < 0 ? text.substring(0, Math.min(3000, text.length())) : text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 200))));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(shown == pages.size());
    }
}
