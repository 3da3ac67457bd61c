package dev.voicemail.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.Endpoints;
import dev.voicemail.testing.Endpoints.Endpoint;
import dev.voicemail.testing.RawHttp;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * {@code OPTIONS} and a method a path does not take, on other spellings of every documented path
 * (matrix parameters, doubled and trailing slashes, {@code %2F} for a slash, {@code %2e} and
 * {@code %6B}/{@code %6b} escapes, upper case, {@code /./} and {@code /../}): the {@code Allow} they
 * give is exactly the set of methods the router serves on that same spelling, found by sending each
 * method without a key (a served method is a 401 from its endpoint's check, before anything runs); a
 * spelling the router serves nothing on is a 404 without {@code Allow}. A key without the path's role
 * gets no further than no key, and a key with every role gets no data and changes nothing.
 */
@QuarkusTest
class MethodsOfRespeltPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @TestHTTPResource(value = "/metrics", management = true)
    java.net.URL management;
    /** Sent without a key to learn which methods the router serves on a spelling. */
    private static final List<String> PROBED = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE");

    @Test
    void optionsAnd405OnEverySpellingGiveTheMethodsTheRouterServesOnIt() throws Exception {
        Api.Agency agency = Api.newAgency("respelt");
        String crm = agency.crm(); // no role for clients, keys, rules or policies
        Set<String> paths = new LinkedHashSet<>();
        for (Endpoint e : Endpoints.served()) {
            paths.add(concrete(e.template()));
            for (String spelling : spellings(e.template())) {
                paths.add(concrete(spelling));
            }
        }
        List<String> problems = new ArrayList<>();
        int served = 0;
        int refused = 0;
        for (String path : paths) {
            Set<String> takes = new TreeSet<>();
            java.util.Map<String, HttpResponse<String>> probes = new java.util.LinkedHashMap<>();
            for (String method : PROBED) {
                HttpResponse<String> r = Endpoints.send(method, path, null, null);
                probes.put(method, r);
                if (r.statusCode() == 401) {
                    takes.add(method);
                }
            }
            String allow = null;
            if (!takes.isEmpty()) {
                if (takes.contains("GET")) {
                    takes.add("HEAD");
                }
                takes.add("OPTIONS");
                allow = String.join(", ", takes);
                served++;
            } else {
                refused++;
            }
            for (String key : new String[] {null, crm, Api.KEY}) {
                String who = key == null ? "no key" : key.equals(crm) ? "crm key" : "operator key";
                check(problems, "OPTIONS", path, who, Endpoints.send("OPTIONS", path, key, null), allow);
            }
            for (Map.Entry<String, HttpResponse<String>> probe : probes.entrySet()) {
                if (takes.contains(probe.getKey())) {
                    continue; // the operation's own business (auth/AuthorizationMatrixTest)
                }
                check(problems, probe.getKey(), path, "no key", probe.getValue(), allow);
                // a key without the path's role, and one with every role: no further than no key
                check(problems, probe.getKey(), path, "crm key", Endpoints.send(probe.getKey(), path, crm, null), allow);
                if (probe.getKey().equals("TRACE")) {
                    check(problems, "TRACE", path, "operator key", Endpoints.send("TRACE", path, Api.KEY, null), allow);
                }
            }
        }
        System.out.println("Respelt paths: " + paths.size() + " (" + served + " served, " + refused + " served nothing)");
        assertTrue(served > 200 && refused > 50, served + " spellings served, " + refused + " not: the spellings changed");
        assertTrue(problems.isEmpty(), problems.size() + " answers disagree with what the router serves:\n"
                + String.join("\n", problems));
    }

    /**
     * A key with every role sends OPTIONS, and methods the path does not take, with a body that would
     * change something (a client's replacement, a new key), on every spelling of a path that takes PUT
     * and DELETE and of one that takes POST, also asking for another method in the ways some servers
     * honour ({@code X-HTTP-Method-Override}, {@code ?_method=}): no answer carries data and nothing changes.
     */
    @Test
    void optionsAndAMethodAPathDoesNotTakeRunNothingOnAnySpelling() throws Exception {
        Api.Agency agency = Api.newAgency("respelt-state");
        String client = Api.unique("c");
        agency.client(client, "always");
        String absent = Api.unique("new");
        String keyName = Api.unique("k");
        String clientBody = "{\"name\":\"Changed\",\"policy\":\"never\"}";
        String keyBody = "{\"name\":\"" + keyName + "\",\"roles\":[\"admin\"],\"agency\":\"" + agency.name() + "\"}";
        List<String> problems = new ArrayList<>();
        int sent = 0;
        record Target(String template, String id, String key, String body, List<String> methods) {
        }
        List<Target> targets = List.of(
                new Target("/v1/clients/{clientId}", client, agency.admin(), clientBody, List.of("OPTIONS", "POST", "PATCH")),
                new Target("/v1/clients/{clientId}", absent, agency.admin(), clientBody, List.of("OPTIONS", "POST", "PATCH")),
                new Target("/v1/clients/{clientId}/history", client, agency.admin(), clientBody,
                        List.of("OPTIONS", "PUT", "DELETE", "PATCH", "POST")),
                new Target("/v1/keys", null, Api.KEY, keyBody, List.of("OPTIONS", "PUT", "DELETE", "PATCH")));
        for (Target t : targets) {
            for (String spelling : spellings(t.template())) {
                String path = t.id() == null ? spelling : spelling.replace("{clientId}", t.id());
                for (String method : t.methods()) {
                    for (String[] extra : new String[][] {{}, {"X-HTTP-Method-Override", "PUT"}, {"X-HTTP-Method-Override", "DELETE"},
                            {"X-HTTP-Method-Override", "POST"}}) {
                        String target = extra.length == 0 && method.equals("POST") ? path + "?_method=PUT" : path;
                        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + target))
                                .timeout(java.time.Duration.ofSeconds(10))
                                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(t.body()))
                                .header("Content-Type", "application/json").header("Authorization", "Bearer " + t.key());
                        if (extra.length > 0) {
                            b.header(extra[0], extra[1]);
                        }
                        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        sent++;
                        String seen = method + " " + target + (extra.length > 0 ? " (" + extra[0] + ": " + extra[1] + ")" : "")
                                + " -> " + r.statusCode() + " " + RawHttp.abbreviate(r.body());
                        boolean nothing = method.equals("OPTIONS") && r.statusCode() == 204 && r.body().isEmpty()
                                || r.statusCode() == 405 && error(r, "method_not_allowed")
                                || r.statusCode() == 404 && error(r, "not_found")
                                // a spelling that joins the id with the next segment (%2F) is served as
                                // /v1/clients/{clientId}, whose PUT and DELETE refuse the id "c/history"
                                || r.statusCode() == 400 && target.contains("%2") && r.body().contains("\"field\":\"clientId\"");
                        if (!nothing) {
                            problems.add(seen);
                        }
                    }
                }
            }
        }
        // nothing changed (checked first: a change is the worse fault)
        agency.asAdmin().get("/v1/clients/" + client).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(1)).body("policy", org.hamcrest.Matchers.equalTo("always"));
        agency.asAdmin().get("/v1/clients/" + absent).then().statusCode(404);
        agency.asAdmin().get("/v1/keys").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(keyName)));
        assertTrue(sent > 500, "sent only " + sent);
        assertTrue(problems.isEmpty(), problems.size() + " answers did more than refuse:\n" + String.join("\n", problems));
    }

    /**
     * OPTIONS on a path no resource takes, though a resource's path begins it, and on a static file:
     * the JSON 404 of every method that is not GET (the framework answered 200, with the methods of
     * {@code /v1/clients/{clientId}} and {@code HEAD, POST, GET, OPTIONS} for the style sheet).
     */
    @Test
    void optionsOnAPathNoResourceTakesIsA404() throws Exception {
        for (String path : List.of("/v1/clients/abc/EVIDENCE", "/v1/clients/abc/experiments/vm/REPORT", "/console/assets/console.css",
                "/console/nothing")) {
            RawHttp.Answer a = raw(RestAssured.port, "OPTIONS", path);
            a.assertJsonError(404, "not_found");
            assertEquals(null, allow(a), a.toString());
            assertEquals(404, raw(RestAssured.port, "PATCH", path).status(), path);
        }
        assertEquals(200, raw(RestAssured.port, "GET", "/console/assets/console.css").status());
    }

    /**
     * Health and the OpenAPI document, in spellings Vert.x serves and some it does not: where GET is
     * served, OPTIONS is a 204 and any other method but HEAD a JSON 405, both with
     * {@code Allow: GET, HEAD, OPTIONS}, and neither carries the document; where GET is a 404, so is
     * every method. The same for the metrics on the management interface. (Quarkus's handlers answered
     * every method with the document: {@code DELETE /q/health} a 200 with the health JSON,
     * {@code OPTIONS /q/openapi} a 404 with {@code Allow}, {@code PATCH /q/metrics} the metrics.)
     */
    @Test
    void healthTheOpenApiDocumentAndTheMetricsTakeGetHeadAndOptionsOnly() throws Exception {
        List<String> paths = List.of("/q/health", "/q/health/", "/q/health/live", "/q/health/ready", "/q/health/started",
                "/q/health/well", "/q/health/group", "/q/health/group/x", "/q//health", "/q/%68ealth", "/q/%68EALTH",
                "/q/./health", "/q/x/../health/live", "/q/health;x", "/q/health/live;x", "/q/healthy", "/q/health/nonsense",
                "/q/health/live/x", "/q%2Fhealth", "/Q/HEALTH", "/q/openapi", "/q/openapi/", "/q/openapi.json", "/q/openapi.yaml",
                "/q/openapi.yml", "/q/openapi?format=json", "/q/%6Fpenapi", "/q/openapix", "/q/openapi/x", "/q/metrics");
        List<String> problems = new ArrayList<>();
        int served = readOnly(RestAssured.port, paths, problems);
        // the metrics, on the management interface (whose 404 is Vert.x's own HTML page: not ours to word)
        served += readOnly(management.getPort(), List.of("/q/metrics", "/q/metrics/", "/q//metrics", "/q/%6Detrics",
                "/q/metrics;x", "/q/metricsx", "/q/metrics/x"), problems);
        assertTrue(served >= 18, "only " + served + " of the paths served: the spellings changed");
        assertTrue(problems.isEmpty(), problems.size() + " answers:\n" + String.join("\n", problems));
    }

    /** The paths, each checked as the test above says; how many were served. */
    private static int readOnly(int port, List<String> paths, List<String> problems) throws Exception {
        int served = 0;
        for (String path : paths) {
            RawHttp.Answer get = raw(port, "GET", path);
            boolean isServed = get.status() == 200;
            if (isServed) {
                served++;
            } else if (get.status() != 404) {
                problems.add("GET " + path + " -> " + get);
                continue;
            }
            for (String method : List.of("OPTIONS", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND")) {
                RawHttp.Answer a = raw(port, method, path);
                String allow = allow(a);
                String seen = method + " " + path + " -> " + a + " (GET: " + get.status() + ")";
                boolean right;
                if (!isServed) {
                    right = a.status() == 404 && allow == null
                            && (method.equals("HEAD") || a.json() != null || port != RestAssured.port);
                } else if (method.equals("HEAD")) {
                    right = a.status() == 200;
                } else if (method.equals("OPTIONS")) {
                    right = a.status() == 204 && "GET, HEAD, OPTIONS".equals(allow) && a.body().isEmpty();
                } else {
                    right = a.status() == 405 && "GET, HEAD, OPTIONS".equals(allow) && a.json() != null
                            && "method_not_allowed".equals(a.json().path("error").asText()) && a.json().size() == 2;
                }
                if (!right) {
                    problems.add(seen);
                }
            }
        }
        return served;
    }

    private static RawHttp.Answer raw(int port, String method, String target) throws Exception {
        boolean body = List.of("POST", "PUT", "PATCH").contains(method);
        return RawHttp.send(port, method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + (body ? "Content-Type: application/json\r\nContent-Length: 2\r\n" : "") + "Connection: close\r\n\r\n"
                + (body ? "{}" : ""));
    }

    static String allow(RawHttp.Answer a) {
        for (String line : a.head().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("allow:")) {
                return line.substring(6).trim();
            }
        }
        return null;
    }

    /** {@code allow} null: the router serves nothing on this spelling, so every method is a 404 without Allow. */
    private static void check(List<String> problems, String method, String path, String who, HttpResponse<String> r,
            String allow) {
        String seen = method + " " + path + " (" + who + ") -> " + r.statusCode() + " Allow: "
                + r.headers().firstValue("Allow").orElse(null) + " " + RawHttp.abbreviate(r.body());
        String gotAllow = r.headers().firstValue("Allow").orElse(null);
        if (allow == null) {
            if (r.statusCode() != 404 || gotAllow != null || !error(r, "not_found")) {
                problems.add(seen + " (expected a JSON 404 without Allow: no method is served on this spelling)");
            }
        } else if (method.equals("OPTIONS")) {
            if (r.statusCode() != 204 || !allow.equals(gotAllow) || !r.body().isEmpty()) {
                problems.add(seen + " (expected 204, Allow: " + allow + ")");
            }
        } else if (r.statusCode() != 405 || !allow.equals(gotAllow) || !error(r, "method_not_allowed")) {
            problems.add(seen + " (expected a JSON 405, Allow: " + allow + ")");
        }
    }

    private static boolean error(HttpResponse<String> r, String code) {
        try {
            JsonNode body = JSON.readTree(r.body());
            return body != null && body.size() == 2 && code.equals(body.path("error").asText());
        } catch (Exception notJson) {
            return false;
        }
    }

    /**
     * Endpoints.spellings, and each slash after the first as {@code %2F} and {@code %2f} (joining two
     * segments, or a parameter with the segment after it), a trailing {@code %2F}, {@code %2E} segments.
     */
    static List<String> spellings(String template) {
        Set<String> out = new LinkedHashSet<>(Endpoints.spellings(template));
        for (int at = template.indexOf('/', 1); at > 0; at = template.indexOf('/', at + 1)) {
            out.add(template.substring(0, at) + "%2F" + template.substring(at + 1));
            out.add(template.substring(0, at) + "%2f" + template.substring(at + 1));
        }
        out.add(template + "%2F");
        out.add(template.replace("/v1/", "/v1/%2E/"));
        out.add(template.replace("/v1/", "/v1/x/%2E%2E/"));
        out.add(template.replace("/v1/", "/v1/x%2F..%2F"));
        out.add(template.replace("/v1/", "/v1/;x=1/"));
        out.add("/" + template.replace("/", "//").substring(1));
        return new ArrayList<>(out);
    }

    /** A path with its parameters filled in: ids that fit every parameter's pattern. */
    static String concrete(String template) {
        return template.replace("{clientId}", "abc").replace("{keyId}", "00000000000000ff").replace("{name}", "always")
                .replace("{decisionId}", "0190a0a0-0000-7000-8000-000000000000").replace("{prospectId}", "p-1")
                .replace("{crm}", "close").replace("{experimentId}", "vm");
    }
}
