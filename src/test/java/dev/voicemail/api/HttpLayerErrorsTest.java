package dev.voicemail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;


import dev.voicemail.testing.RawHttp;
import dev.voicemail.testing.RawHttp.Answer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Requests that HTTP clients refuse to send, over a raw socket: what the HTTP layer answers before
 * any resource runs. Every answer comes within the socket's read timeout (no hang), none is a 5xx,
 * and the service serves normally afterwards.
 */
@QuarkusTest
class HttpLayerErrorsTest {

    private static final int LINE_LIMIT = 4096; // voicemail.limits.max-request-line
    private static final int HEADERS_LIMIT = 20 * 1024; // voicemail.limits.max-headers

    @TestHTTPResource(value = "/metrics", management = true)
    java.net.URL managementHealth;

    @Test
    void aRequestLineOfTwentyKilobytesIsAJson414() throws Exception {
        for (String path : List.of("/q/health", "/v1/clients/", "/v1/decisions", "/nowhere/")) {
            Answer a = RawHttp.send("GET " + path + "?q=" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            a.assertJsonError(414, "uri_too_long");
            assertTrue(a.closed(), "the connection is closed after the refusal");
        }
        stillServing();
    }

    @Test
    void fortyKilobytesOfHeadersAreAJson431() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            headers.append("X-Pad-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
        }
        for (String path : List.of("/q/health", "/v1/clients", "/v1/decisions")) {
            Answer a = RawHttp.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
            a.assertJsonError(431, "headers_too_large");
        }
        // one header alone past the limit, and with a body on its way
        Answer a = RawHttp.send("POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nAuthorization: Bearer " + "k".repeat(40 * 1024) + "\r\n\r\n{}");
        a.assertJsonError(431, "headers_too_large");
        stillServing();
    }

    @Test
    void theLimitsHoldToTheByte() throws Exception {
        String prefix = "GET /q/health?q=";
        String suffix = " HTTP/1.1";
        String atLimit = prefix + "a".repeat(LINE_LIMIT - prefix.length() - suffix.length()) + suffix;
        assertEquals(LINE_LIMIT, atLimit.length());
        assertEquals(200, RawHttp.send(atLimit + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").status());
        RawHttp.send(prefix + "a".repeat(LINE_LIMIT + 1 - prefix.length() - suffix.length()) + suffix + "\r\nHost: localhost\r\n\r\n")
                .assertJsonError(414, "uri_too_long");

        // header lines counted as the codec counts them: without their CRLF
        String host = "Host: localhost";
        String pad = "X-Pad: ";
        String atLimitHeaders = host + "\r\n" + pad + "v".repeat(HEADERS_LIMIT - host.length() - pad.length());
        assertEquals(200, RawHttp.send("GET /q/health HTTP/1.1\r\n" + atLimitHeaders + "\r\n\r\n").status());
        RawHttp.send("GET /q/health HTTP/1.1\r\n" + atLimitHeaders + "v\r\n\r\n").assertJsonError(431, "headers_too_large");
    }

    @Test
    void sizesAroundTheLimitsOnEveryKindOfPathAreJson() throws Exception {
        // a seeded sweep of request-line and header sizes, below and above our limits and the codec's bounds
        Random random = new Random(Long.getLong("fuzz.seed", 20261203L));
        List<String> paths = List.of("/q/health", "/v1/clients/x", "/v1/keys", "/v1/rules", "/v1/decisions/batch", "/x");
        for (int i = 0; i < 60; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            int query = random.nextInt(30 * 1024);
            int padding = random.nextInt(60 * 1024);
            List<String> lines = new java.util.ArrayList<>(List.of("Host: localhost", "Connection: close"));
            for (int left = padding; left > 0; left -= 2000) {
                lines.add("X-P" + left + ": " + "v".repeat(Math.min(left, 2000)));
            }
            int headerBytes = lines.stream().mapToInt(String::length).sum(); // as the codec counts: no CRLF
            Answer a = RawHttp.send("GET " + path + "?q=" + "a".repeat(query) + " HTTP/1.1\r\n" + String.join("\r\n", lines)
                    + "\r\n\r\n");
            String replay = "request " + i + ": " + path + " query " + query + " padding " + padding + " -> " + a;
            assertTrue(a.status() >= 200 && a.status() < 500, replay);
            assertTrue(a.json() != null, "not JSON: " + replay);
            if (4 + path.length() + 3 + query + 9 > LINE_LIMIT) {
                assertEquals(414, a.status(), replay);
            } else if (headerBytes > HEADERS_LIMIT) {
                assertEquals(431, a.status(), replay);
            } else {
                assertFalse(a.status() == 414 || a.status() == 431, replay);
            }
        }
        stillServing();
    }

    /**
     * OPTIONS and methods a path does not take, on paths made long in every way a path can be (a long
     * id, many matrix parameters, many slashes, many %-escapes, many segments), just under, at and over
     * the request-line limit and past the codec's bound: each answered within 5 s; up to the limit with
     * the path's own answer (204 / JSON 405 with its Allow, or a JSON 404), over it a 414 (JSON up to
     * the codec's bound), never a 5xx.
     */
    @Test
    void optionsAnd405OnPathsNearAndOverTheRequestLineLimit() throws Exception {
        String clientMethods = "DELETE, GET, HEAD, OPTIONS, PUT";
        String listMethods = "GET, HEAD, OPTIONS";
        record Shape(String name, java.util.function.IntFunction<String> path, String allow) {
        }
        List<Shape> shapes = List.of(
                new Shape("long id", n -> "/v1/clients/" + "a".repeat(Math.max(1, n - 12)), clientMethods),
                new Shape("long id, GET-only path", n -> "/v1/clients/" + "a".repeat(Math.max(1, n - 20)) + "/history", listMethods),
                new Shape("matrix parameters", n -> "/v1/clients" + ";x".repeat(Math.max(0, (n - 11) / 2)) + (n % 2 == 0 ? "y" : ""),
                        listMethods),
                new Shape("slashes", n -> "/".repeat(Math.max(1, n - 10)) + "v1/clients", listMethods),
                new Shape("escapes", n -> "/v1/clients/" + "%61".repeat(Math.max(1, (n - 12) / 3)) + "b".repeat(Math.max(0, (n - 12) % 3)),
                        clientMethods),
                new Shape("segments", n -> "/v1/clients/a" + "/b".repeat(Math.max(0, (n - 13) / 2)) + (n % 2 == 0 ? "c" : ""), null));
        List<String> problems = new ArrayList<>();
        for (Shape shape : shapes) {
            for (String method : List.of("OPTIONS", "PATCH", "TRACE")) {
                String suffix = " HTTP/1.1";
                for (int line : new int[] {LINE_LIMIT - 1, LINE_LIMIT, LINE_LIMIT + 1, 2 * LINE_LIMIT, 33 * 1024}) {
                    String path = shape.path().apply(line - method.length() - 1 - suffix.length());
                    String requestLine = method + " " + path + suffix;
                    assertEquals(line, requestLine.length(), shape.name());
                    long start = System.nanoTime();
                    Answer a = RawHttp.send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    String seen = shape.name() + ", " + method + ", a request line of " + line + " bytes -> " + a + " in " + millis + " ms";
                    String allow = null;
                    for (String h : a.head().split("\r\n")) {
                        if (h.toLowerCase(java.util.Locale.ROOT).startsWith("allow:")) {
                            allow = h.substring(6).trim();
                        }
                    }
                    boolean right;
                    if (line > 32 * 1024) {
                        right = a.status() == 414 && a.closed(); // the codec's own answer (docs/security.md)
                    } else if (line > LINE_LIMIT) {
                        right = a.status() == 414 && a.json() != null && "uri_too_long".equals(a.json().path("error").asText());
                    } else if (shape.allow() == null) {
                        right = a.status() == 404 && allow == null && a.json() != null;
                    } else if (method.equals("OPTIONS")) {
                        right = a.status() == 204 && shape.allow().equals(allow) && a.body().isEmpty();
                    } else {
                        right = a.status() == 405 && shape.allow().equals(allow) && a.json() != null
                                && "method_not_allowed".equals(a.json().path("error").asText());
                    }
                    if (!right || millis > 5_000) {
                        problems.add(seen);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " answers:\n" + String.join("\n", problems));
        stillServing();
    }

    /**
     * A malformed header is refused by HeaderSyntax with a JSON 400 naming the header (Vert.x's own
     * check, which answered with an empty body, is off), on every path, with or without a key, and on
     * the management interface too; the connection is closed after the answer.
     */
    @Test
    void aMalformedHeaderIsAJson400NamingIt() throws Exception {
        record Case(String header, String named, String says) {
        }
        List<Case> cases = List.of(
                new Case("X-A: a\u0001b", "X-A", "U+0001"),
                new Case("X-A: a\u0000b", "X-A", "U+0000"),
                new Case("X-A: a\u007fb", "X-A", "U+007F"),
                new Case("X-A: a\rb", "X-A", "U+000D"),
                new Case("Authorization: Bearer k\u001bey", "Authorization", "U+001B"),
                new Case("X A: b", "X A", "a space"),
                new Case("Content-Length : 0", "Content-Length ", "a space"),
                new Case("X\u0001A: b", "X\\u0001A", "U+0001"),
                new Case("X(A): b", "X(A)", "'('"));
        for (String path : List.of("/q/health", "/v1/decisions", "/v1/clients/acme", "/nowhere")) {
            for (Case c : cases) {
                String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + c.header() + "\r\n\r\n";
                Answer a = RawHttp.send(request);
                a.assertJsonError(400, "invalid_header");
                String message = a.json().path("message").asText();
                assertTrue(message.contains("'" + c.named() + "'"),
                        RawHttp.abbreviate(request) + " -> " + message);
                assertTrue(message.contains(c.says()), RawHttp.abbreviate(request) + " -> " + message);
                assertFalse(a.body().chars().anyMatch(ch -> ch < 0x20 && ch != '\n'), "no control character in the body: " + a);
                assertTrue(a.closed(), "the connection is closed after the refusal");
            }
        }
        Answer management = RawHttp.send(managementHealth.getPort(), "GET /q/metrics HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0001b\r\n\r\n");
        management.assertJsonError(400, "invalid_header");
        // a well-formed header with obs-text, a tab and punctuation is served as before
        Answer fine = RawHttp.send("GET /q/health HTTP/1.1\r\nHost: localhost\r\nX-A: caf\u00e9\tand; q=\"1\"\r\nConnection: close\r\n\r\n");
        assertEquals(200, fine.status(), fine.toString());
        stillServing();
    }

    /**
     * Known gap (docs/security.md, "Answers from the HTTP layer"): what the codec itself cannot parse
     * (a request line that is not HTTP, a header line without a colon) or refuses past its bounds is
     * answered by Vert.x's default invalid-request handler, with an empty body, and no hook reaches it
     * in Quarkus 3.34. What holds: a 4xx, at once, the connection closed, the service unharmed.
     */
    @Test
    void whatTheCodecRefusesIsA4xxAndTheServiceGoesOn() throws Exception {
        for (String request : List.of(
                "GET /q/health FOO\r\nHost: localhost\r\n\r\n",
                "G(T /q/health HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /q/health HTTP/1.1\r\nHost: localhost\r\nNoColon\r\n\r\n",
                "GET /q/health?q=" + "a".repeat(40 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")) {
            Answer a = RawHttp.send(request);
            assertTrue(a.status() >= 400 && a.status() < 500, RawHttp.abbreviate(request) + " -> " + a);
            assertTrue(a.closed(), RawHttp.abbreviate(request) + " -> " + a);
        }
        stillServing();
    }

    /**
     * Accepted as RFC 9112 allows: an obsolete line folding is joined with a space (section 5.2),
     * Transfer-Encoding overrides Content-Length (section 6.3). A bad chunk size ends the connection
     * without an answer (the request was already routed when the body turned out bad).
     */
    @Test
    void foldingLengthConflictsAndBadChunksDoNoHarm() throws Exception {
        Answer folded = RawHttp.send("GET /q/health HTTP/1.1\r\nHost: localhost\r\nX-A: a\r\n  folded\r\nConnection: close\r\n\r\n");
        assertEquals(200, folded.status(), folded.toString());
        Answer both = RawHttp.send("POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n");
        both.assertJsonError(401, "unauthorized");
        Answer badChunk = RawHttp.send("POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        assertTrue(badChunk.closed() && (badChunk.status() == 0 || badChunk.status() < 500), badChunk.toString());
        stillServing();
    }

    private static void stillServing() {
        RestAssured.given().get("/q/health").then().statusCode(200);
    }
}
