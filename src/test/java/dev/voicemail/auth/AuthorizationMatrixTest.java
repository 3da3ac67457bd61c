package dev.voicemail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.Endpoints;
import dev.voicemail.testing.Endpoints.Endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Every /v1 endpoint the service serves (read from its own OpenAPI document, so a new endpoint is
 * walked too) × every kind of caller × spellings of its path (matrix parameters on each segment,
 * doubled and trailing slashes, percent-encoded letters, upper case): each spelling gets the answer
 * of the plain path, or a 404; never a success the caller's roles do not allow.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Who may call each endpoint: the promise under test, written down here, not read from the
     * code. An endpoint missing from this table fails the test, so a new one must be decided.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("GET /v1/clients", Set.of("admin", "other")),
            Map.entry("GET /v1/clients/{clientId}", Set.of("admin", "other")),
            Map.entry("PUT /v1/clients/{clientId}", Set.of("admin", "other")),
            Map.entry("DELETE /v1/clients/{clientId}", Set.of("admin", "other")),
            Map.entry("GET /v1/clients/{clientId}/history", Set.of("admin", "other")),
            Map.entry("POST /v1/decisions", Set.of("crm", "other")),
            Map.entry("POST /v1/decisions/batch", Set.of("crm", "other")),
            Map.entry("GET /v1/decisions", Set.of("admin", "crm", "other")),
            Map.entry("GET /v1/decisions/{decisionId}", Set.of("admin", "crm", "other")),
            Map.entry("POST /v1/decisions/{decisionId}/replay", Set.of("admin", "crm", "other")),
            Map.entry("DELETE /v1/clients/{clientId}/prospects/{prospectId}", Set.of("admin", "other")),
            Map.entry("POST /v1/outcomes", Set.of("crm", "other")),
            Map.entry("GET /v1/clients/{clientId}/experiments", Set.of("admin", "other")),
            Map.entry("PUT /v1/clients/{clientId}/experiments/{experimentId}", Set.of("admin", "other")),
            Map.entry("GET /v1/clients/{clientId}/experiments/{experimentId}", Set.of("admin", "other")),
            Map.entry("POST /v1/clients/{clientId}/experiments/{experimentId}/start", Set.of("admin", "other")),
            Map.entry("POST /v1/clients/{clientId}/experiments/{experimentId}/stop", Set.of("admin", "other")),
            Map.entry("GET /v1/clients/{clientId}/experiments/{experimentId}/report", Set.of("admin", "other")),
            Map.entry("GET /v1/clients/{clientId}/evidence", Set.of("admin", "other")),
            Map.entry("GET /v1/outcomes", Set.of("admin", "crm", "other")),
            Map.entry("POST /v1/rules/impact", Set.of("author")),
            Map.entry("GET /v1/keys", Set.of("admin", "other")),
            Map.entry("POST /v1/keys", Set.of("admin", "other")),
            Map.entry("DELETE /v1/keys/{keyId}", Set.of("admin", "other")),
            Map.entry("GET /v1/rules", Set.of("admin", "author", "other")),
            Map.entry("POST /v1/rules/reload", Set.of("author")),
            Map.entry("POST /v1/rules/validate", Set.of("author")),
            Map.entry("GET /v1/policies", Set.of("admin", "author", "other")),
            Map.entry("GET /v1/policies/{name}", Set.of("admin", "author", "other")),
            Map.entry("GET /v1/integrations/{crm}/mapping", Set.of("admin", "crm", "other")),
            Map.entry("PUT /v1/integrations/{crm}/mapping", Set.of("admin", "other")),
            Map.entry("GET /v1/integrations/{crm}/mapping/history", Set.of("admin", "crm", "other")),
            Map.entry("POST /v1/integrations/{crm}/decisions", Set.of("crm", "other")),
            Map.entry("POST /v1/integrations/{crm}/decisions/batch", Set.of("crm", "other")),
            Map.entry("POST /v1/integrations/{crm}/outcomes", Set.of("crm", "other")),
            Map.entry("GET /v1/unannotated-probe", Set.of()));

    @Test
    void everySpellingOfEveryEndpointReachesTheSameCheckForEveryCaller() throws Exception {
        Api.Agency agency = Api.newAgency("matrix");
        Api.Agency other = Api.newAgency("matrix-other");
        String clientId = Api.unique("c");
        agency.client(clientId, "always");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("admin", agency.admin());
        callers.put("crm", agency.crm());
        callers.put("author", Api.operatorAuthor());
        // a key of another agency with every role it may have: it must never see or touch the first agency's client
        callers.put("other", (String) Api.operator().body(Map.of("name", "all", "roles", List.of("admin", "crm"),
                "agency", other.name())).post("/v1/keys").then().statusCode(201).extract().path("key"));
        callers.put("none", null);
        callers.put("wrong", "vmk_0123456789abcdef.not-a-real-secret");

        List<Endpoint> endpoints = Endpoints.served();
        Set<String> unlisted = new TreeSet<>();
        for (Endpoint e : endpoints) {
            if (!ALLOWED.containsKey(e.id())) {
                unlisted.add(e.id());
            }
        }
        assertTrue(unlisted.isEmpty(), "endpoints nobody decided the roles of (add them to ALLOWED): " + unlisted);
        assertEquals(ALLOWED.keySet(), endpoints.stream().map(Endpoint::id).collect(java.util.stream.Collectors.toSet()),
                "the OpenAPI document no longer lists every endpoint of the table");

        Map<String, Integer> tally = new TreeMap<>();
        int requests = 0;
        for (Endpoint e : endpoints) {
            String path = concrete(e, e.template(), clientId);
            String body = body(e, clientId);
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                String who = caller.getKey();
                boolean allowed = ALLOWED.get(e.id()).contains(who);
                int plain = Endpoints.send(e.method(), path, caller.getValue(), body).statusCode();
                requests++;
                String where = who + " " + e.method() + " " + path;
                if (who.equals("none") || who.equals("wrong")) {
                    assertEquals(401, plain, where);
                } else if (!allowed) {
                    assertEquals(403, plain, where);
                } else {
                    assertTrue(plain != 401 && plain != 403 && plain < 500, where + " -> " + plain);
                    if (who.equals("other") && path.contains(clientId) && e.method().equals("GET")) {
                        assertEquals(404, plain, "another agency reached the client: " + where);
                    }
                }
                for (String spelling : Endpoints.spellings(e.template())) {
                    String variant = concrete(e, spelling, clientId);
                    HttpResponse<String> r = Endpoints.send(e.method(), variant, caller.getValue(), body);
                    requests++;
                    int status = r.statusCode();
                    String what = where + " spelt " + variant + " -> " + status + " " + r.body();
                    // a PUT creates (201) then replaces (200): both are the same check passed
                    if (status != plain && status != 404 && !(status / 100 == 2 && plain / 100 == 2)) {
                        fail("a spelling reached another answer than the plain path's " + plain + ": " + what);
                    }
                    assertTrue(r.body().isEmpty() || r.body().startsWith("{") || r.body().startsWith("["), what);
                    tally.merge(e.method() + " " + status, 1, Integer::sum);
                }
            }
        }
        System.out.println("Authorization matrix: " + requests + " requests; variant answers " + tally);
        // the first agency's client was neither changed nor deleted
        agency.asAdmin().get("/v1/clients/" + clientId).then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(1));
    }

    /**
     * Every /v1 operation refuses a query parameter it does not take, for a caller its roles allow,
     * before doing anything: a 400 {@code unknown_parameter} naming it, documented in the contract. An
     * ignored parameter answers another request than the one sent: the operator's
     * {@code POST /v1/keys?agency=x} made an admin key of its own agency.
     */
    @Test
    void everyEndpointRefusesAQueryParameterItDoesNotTake() throws Exception {
        Api.Agency agency = Api.newAgency("unknown-query");
        String clientId = Api.unique("c");
        agency.client(clientId, "always");
        Map<String, String> callers = Map.of("admin", agency.admin(), "crm", agency.crm(), "author", Api.operatorAuthor());
        JsonNode paths = JSON.readTree(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString()).path("paths");
        int refused = 0;
        for (Endpoint e : Endpoints.served()) {
            String who = ALLOWED.get(e.id()).stream().filter(callers::containsKey).sorted().findFirst().orElse(null);
            if (who == null) {
                continue; // the unannotated probe: nobody may call it
            }
            String path = concrete(e, e.template(), clientId) + "?agencyy=x";
            HttpResponse<String> r = Endpoints.send(e.method(), path, callers.get(who), body(e, clientId));
            String where = who + " " + e.method() + " " + path + " -> " + r.statusCode() + " " + r.body();
            assertEquals(400, r.statusCode(), where);
            JsonNode error = JSON.readTree(r.body());
            assertEquals("unknown_parameter", error.path("error").asText(), where);
            assertEquals("agencyy", error.path("field").asText(), where);
            assertTrue(paths.path(e.template()).path(e.method().toLowerCase(Locale.ROOT)).path("responses").has("400"),
                    "the contract does not document the 400 of " + e.id());
            refused++;
        }
        assertTrue(refused >= 30, "only " + refused + " operations tried");
        // nothing was done: the client is as it was, the client a PUT would have made does not exist, no key was made
        agency.asAdmin().get("/v1/clients/" + clientId).then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(1));
        agency.asAdmin().get("/v1/clients/put-" + clientId).then().statusCode(404);
        agency.asAdmin().get("/v1/keys").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("matrix")));
        // where an operation takes the parameter, a near miss names it
        Api.operator().get("/v1/keys?agncy=" + agency.name()).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("did you mean 'agency'?"));
        Api.operator().get("/v1/keys?agency=" + agency.name()).then().statusCode(200);
    }

    /** The endpoint's path with its parameters filled in. */
    private static String concrete(Endpoint e, String template, String clientId) {
        // deletes aim at nothing and puts at a client of their own, so that every spelling finds the same state
        String id = switch (e.method()) {
            case "DELETE" -> "gone-" + clientId;
            case "PUT" -> "put-" + clientId;
            default -> clientId;
        };
        return template.replace("{clientId}", id).replace("{keyId}", "00000000000000ff").replace("{name}", "always")
                .replace("{decisionId}", "0190a0a0-0000-7000-8000-000000000000").replace("{prospectId}", "p-1")
                .replace("{crm}", "close").replace("{experimentId}", "vm");
    }

    static final String EXPERIMENT = "{\"arms\":[{\"name\":\"a\",\"policy\":\"never\",\"weight\":1},"
            + "{\"name\":\"b\",\"policy\":\"always\",\"weight\":1}],\"primaryMetric\":\"callback\",\"plannedProspectsPerArm\":100}";

    private static String body(Endpoint e, String clientId) {
        String decision = "{\"clientId\":\"" + clientId + "\",\"prospect\":{\"id\":\"p-1\"}}";
        String closeDecision = "{\"clientId\":\"" + clientId + "\",\"prospect\":{\"id\":\"p-1\"},\"history\":{\"data\":[]}}";
        return switch (e.id()) {
            case "PUT /v1/clients/{clientId}" -> "{\"name\":\"Matrix\",\"policy\":\"never\"}";
            case "POST /v1/decisions" -> decision;
            case "POST /v1/decisions/batch" -> "{\"requests\":[" + decision + "]}";
            case "POST /v1/keys" -> "{\"name\":\"matrix\",\"roles\":[\"admin\"]}";
            case "POST /v1/rules/validate", "POST /v1/rules/impact" -> "{\"files\":{}}";
            case "POST /v1/integrations/{crm}/decisions" -> closeDecision;
            case "POST /v1/integrations/{crm}/decisions/batch" -> "{\"requests\":[" + closeDecision + "]}";
            case "POST /v1/integrations/{crm}/outcomes" -> closeDecision;
            // a mapping that is refused (no values): the check is passed, nothing of the agency's changes
            case "PUT /v1/integrations/{crm}/mapping" -> "{\"unknownValues\":\"SKIP\"}";
            case "PUT /v1/clients/{clientId}/experiments/{experimentId}" -> EXPERIMENT;
            case "POST /v1/outcomes" -> "{\"clientId\":\"" + clientId + "\",\"prospectId\":\"p-1\",\"kind\":\"CALLBACK\","
                    + "\"eventId\":\"matrix-1\",\"occurredAt\":\"2026-01-01T10:00:00Z\"}";
            default -> null;
        };
    }

}
