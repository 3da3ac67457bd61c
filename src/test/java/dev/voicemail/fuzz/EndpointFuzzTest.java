package dev.voicemail.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.Endpoints;
import dev.voicemail.testing.Endpoints.Endpoint;
import dev.voicemail.testing.RawHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Seeded fuzzing of every endpoint the service documents, as every kind of caller: bodies mutated as
 * in {@link BadInputFuzzTests}, paths respelt, methods swapped, odd headers. Whatever arrives: no
 * answer of 500 or more, none slower than 5 s, every body JSON, and no success without a key.
 * Replay a failure with -Dfuzz.seed=...; -Dfuzz.endpoint-requests=... sends more.
 */
@QuarkusTest
class EndpointFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final int REQUESTS = Integer.getInteger("fuzz.endpoint-requests", 5000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    @Test
    void everyEndpointAndRoleAnswersMutatedRequestsWithJsonBelow500() throws Exception {
        Api.Agency agency = Api.newAgency("efuzz");
        String clientId = Api.unique("c");
        agency.client(clientId, "always");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("admin", agency.admin());
        callers.put("crm", agency.crm());
        callers.put("author", Api.operatorAuthor());
        callers.put("other", Api.newAgency("efuzz-other").admin());
        callers.put("operator", Api.BOOTSTRAP_KEY);
        callers.put("none", null);
        callers.put("wrong", "vmk_0123456789abcdef.wrong");
        List<String> who = new ArrayList<>(callers.keySet());
        List<Endpoint> endpoints = Endpoints.served();

        Random random = new Random(SEED);
        Map<String, Integer> statuses = new TreeMap<>();
        long slowest = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
            String caller = who.get(random.nextInt(who.size()));
            String path = fill(e.template(), clientId, random);
            if (random.nextInt(4) == 0) {
                List<String> spellings = Endpoints.spellings(e.template());
                path = fill(spellings.get(random.nextInt(spellings.size())), clientId, random);
            }
            String method = random.nextInt(20) == 0 ? METHODS.get(random.nextInt(METHODS.size())) : e.method();
            ObjectNode valid = validBody(e, clientId);
            byte[] body = null;
            String contentType = "application/json";
            String kind = "valid";
            if (valid != null || random.nextInt(10) == 0) {
                if (valid == null) {
                    valid = JSON.createObjectNode();
                }
                body = JSON.writeValueAsBytes(valid);
                if (random.nextInt(5) != 0) {
                    try {
                        BadInputFuzzTests.Mutant m = BadInputFuzzTests.mutate(valid.deepCopy(), e.template(), random);
                        body = m.body();
                        contentType = m.contentType();
                        kind = m.kind();
                    } catch (RuntimeException notApplicable) {
                        kind = "valid";
                    }
                }
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                b.header("Content-Type", contentType);
            }
            if (callers.get(caller) != null) {
                b.header("Authorization", random.nextInt(30) == 0 ? "bearer  " + callers.get(caller) : "Bearer " + callers.get(caller));
            }
            switch (random.nextInt(12)) {
                case 0 -> b.header("Accept", "text/html");
                case 1 -> b.header("Accept", "application/xml");
                case 2 -> b.header("If-Match", random.nextBoolean() ? "*" : "\"" + random.nextInt() + "\"");
                case 3 -> b.header("X-Forwarded-For", "not an address");
                default -> { }
            }
            long start = System.nanoTime();
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            slowest = Math.max(slowest, millis);
            int status = r.statusCode();
            String replay = "request " + i + " (seed " + SEED + ") " + caller + " " + method + " " + path + " [" + kind + "] "
                    + abbreviate(body == null ? "" : new String(body, StandardCharsets.UTF_8)) + " -> " + status + " "
                    + abbreviate(r.body());
            if (status >= 500) {
                fail("a 5xx: " + replay);
            }
            assertTrue(millis < 5_000, "slower than 5 s (" + millis + " ms): " + replay);
            // OPTIONS answers JAX-RS's Allow header with no body: it tells which methods exist, nothing else
            if (Set.of("none", "wrong").contains(caller) && path.startsWith("/v1") && status < 300 && !method.equals("OPTIONS")) {
                fail("a success without a valid key: " + replay);
            }
            if (!r.body().isEmpty() || (status != 204 && !method.equals("OPTIONS"))) {
                try {
                    JSON.readTree(r.body()).isContainerNode();
                    assertTrue(r.body().startsWith("{") || r.body().startsWith("["), replay);
                } catch (Exception notJson) {
                    fail("not JSON: " + replay);
                }
            }
            statuses.merge(status + "", 1, Integer::sum);
        }
        System.out.println("Endpoint fuzzing: " + REQUESTS + " requests (seed " + SEED + "), slowest " + slowest
                + " ms, statuses " + statuses);
        // the service still decides (the fuzzing may have deleted or replaced the client, as its admin may)
        String after = Api.unique("after");
        agency.client(after, "always");
        agency.asCrm().body(Api.decision(after)).post("/v1/decisions").then().statusCode(200)
                .body("action", org.hamcrest.Matchers.equalTo("LEAVE_VOICEMAIL"));
    }

    /**
     * What HTTP clients refuse to send, written on a socket to every endpoint: over-long request lines
     * and headers (JSON 414 / 431 below the codec's bounds), bytes the codec cannot parse, folded
     * lines, Content-Length with chunked, bad chunks. None is a 5xx or hangs (RawHttp's read timeout),
     * each refusal we can shape is JSON, and the service decides afterwards (docs/security.md,
     * "Answers from the HTTP layer", for what the codec answers itself).
     */
    @Test
    void everyEndpointSurvivesMalformedHttp() throws Exception {
        Api.Agency agency = Api.newAgency("rawfuzz");
        String clientId = Api.unique("c");
        agency.client(clientId, "always");
        List<Endpoint> endpoints = Endpoints.served();
        Random random = new Random(SEED);
        int requests = Integer.getInteger("fuzz.raw-requests", 200);
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
            String path = fill(e.template(), clientId, random);
            String head = "Host: localhost\r\nAuthorization: Bearer " + agency.admin() + "\r\n";
            String body = "";
            String kind;
            boolean json = false;
            String line = e.method() + " " + path + " HTTP/1.1";
            switch (random.nextInt(8)) {
                case 0 -> {
                    kind = "long line";
                    line = e.method() + " " + path + "?q=" + "a".repeat(4096 + random.nextInt(24 * 1024)) + " HTTP/1.1";
                    json = true;
                }
                case 1 -> {
                    kind = "big headers";
                    head += "X-Pad: " + "v".repeat(20 * 1024 + random.nextInt(40 * 1024)) + "\r\n";
                    json = true;
                }
                case 2 -> {
                    kind = "control character";
                    char c = (char) (1 + random.nextInt(31));
                    head += "X-A: a" + c + "b\r\n";
                    json = c != '\t' && c != '\n'; // a tab is allowed; a line feed ends the line (then "b" has no colon)
                }
                case 3 -> {
                    kind = "space in a name";
                    head += "X " + random.nextInt(100) + ": b\r\n";
                    json = true; // HeaderSyntax: a JSON 400 invalid_header
                }
                case 4 -> {
                    kind = "folded line";
                    head += "X-A: a\r\n \tfolded\r\n";
                }
                case 5 -> {
                    kind = "bad version";
                    line = e.method() + " " + path + " " + List.of("FOO", "HTTP/1", "HTTP/1.1.1", "http/1.1").get(random.nextInt(4));
                }
                case 6 -> {
                    kind = "length and chunked";
                    head += "Content-Type: application/json\r\nContent-Length: " + random.nextInt(50) + "\r\nTransfer-Encoding: chunked\r\n";
                    body = "2\r\n{}\r\n0\r\n\r\n";
                }
                default -> {
                    kind = "bad chunk";
                    head += "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n";
                    body = List.of("zz\r\n{}\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n", "2;\u0001\r\n{}\r\n0\r\n\r\n")
                            .get(random.nextInt(3));
                }
            }
            RawHttp.Answer a = RawHttp.send(line + "\r\n" + head + "Connection: close\r\n\r\n" + body);
            String replay = "raw request " + i + " (seed " + SEED + ") " + kind + " " + e.method() + " " + path + " -> " + a;
            assertTrue(a.status() < 500, "a 5xx: " + replay);
            assertTrue(a.status() != 0 || a.closed(), "neither an answer nor a close: " + replay);
            if (json || !a.body().isEmpty()) {
                assertTrue(a.json() != null, "not JSON: " + replay);
            }
            statuses.merge(kind + " " + a.status(), 1, Integer::sum);
        }
        System.out.println("Raw HTTP fuzzing: " + requests + " requests (seed " + SEED + "), " + statuses);
        String after = Api.unique("after"); // the fuzzing may have deleted the client, as its admin may
        agency.client(after, "always");
        agency.asCrm().body(Api.decision(after)).post("/v1/decisions").then().statusCode(200);
    }

    private static String fill(String template, String clientId, Random random) {
        String id = switch (random.nextInt(6)) {
            case 0 -> "x".repeat(1 + random.nextInt(200));
            case 1 -> "no-such-" + random.nextInt(1000);
            case 2 -> "a.b_c-" + random.nextInt(9);
            default -> clientId;
        };
        return template.replace("{clientId}", id).replace("{keyId}", random.nextBoolean() ? "00000000000000ff" : id)
                .replace("{name}", random.nextBoolean() ? "always" : id)
                .replace("{decisionId}", random.nextBoolean() ? "0190a0a0-0000-7000-8000-000000000000" : id)
                .replace("{prospectId}", random.nextBoolean() ? "p-1" : id)
                .replace("{crm}", switch (random.nextInt(4)) {
                    case 0 -> "hubspot";
                    case 1 -> "salesforce";
                    case 2 -> "close";
                    default -> id;
                })
                .replace("{experimentId}", random.nextBoolean() ? "vm" : id);
    }

    private static ObjectNode validBody(Endpoint e, String clientId) throws Exception {
        String decision = "{\"clientId\":\"" + clientId + "\",\"prospect\":{\"id\":\"p-1\"},\"attempts\":[{\"at\":"
                + "\"2026-11-16T09:00:00-06:00\",\"channel\":\"CALL\",\"outcome\":\"NO_ANSWER\"},{\"at\":"
                + "\"2026-11-18T14:10:00-06:00\",\"channel\":\"CALL\",\"outcome\":\"CONNECTED\",\"decisionMaker\":true}]}";
        // a HubSpot call, a Salesforce task and a Close activity: whichever CRM the path names, one of them is its own
        String crmDecision = "{\"clientId\":\"" + clientId + "\",\"prospect\":{\"id\":\"p-1\"},\"history\":{\"calls\":[{\"id\":\"1\","
                + "\"properties\":{\"hs_timestamp\":\"2026-11-18T14:10:00Z\",\"hs_call_disposition\":\"f240bbac-87c9-4f6e-bf70-924b57d47db7\"}}]}}";
        String text = switch (e.id()) {
            case "PUT /v1/clients/{clientId}" -> "{\"name\":\"Fuzz\",\"policy\":\"never\",\"timezone\":\"America/Chicago\"}";
            case "POST /v1/decisions" -> decision;
            case "POST /v1/decisions/batch" -> "{\"requests\":[" + decision + "," + decision + "]}";
            case "POST /v1/keys" -> "{\"name\":\"fuzz\",\"roles\":[\"crm\"]}";
            case "POST /v1/integrations/{crm}/decisions" -> crmDecision;
            case "POST /v1/integrations/{crm}/decisions/batch" -> "{\"requests\":[" + crmDecision + "," + crmDecision + "]}";
            case "POST /v1/integrations/{crm}/outcomes" -> crmDecision;
            case "PUT /v1/integrations/{crm}/mapping" -> "{\"unknownValues\":\"SKIP\",\"values\":{\"_type\":{\"Note\":{\"skip\":true}}}}";
            case "PUT /v1/clients/{clientId}/experiments/{experimentId}" -> "{\"arms\":[{\"name\":\"a\",\"policy\":\"never\","
                    + "\"parameters\":{},\"weight\":1},{\"name\":\"b\",\"policy\":\"cadence\",\"parameters\":{\"callsBetweenVoicemails\":2},"
                    + "\"weight\":3}],\"primaryMetric\":\"callback\",\"windowDays\":14,\"plannedProspectsPerArm\":100}";
            case "POST /v1/outcomes" -> "{\"clientId\":\"" + clientId + "\",\"prospectId\":\"p-1\",\"kind\":\"CALLBACK\","
                    + "\"eventId\":\"fuzz-1\",\"occurredAt\":\"2026-01-01T10:00:00Z\"}";
            // not a .drl file: refused before anything compiles, so fuzzing stays quick
            case "POST /v1/rules/validate" -> "{\"files\":{\"policies/fuzz.txt\":\"rule\"}}";
            default -> null;
        };
        return text == null ? null : (ObjectNode) JSON.readTree(text);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
