package dev.voicemail.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * The /v1 endpoints the service under test documents (read from its OpenAPI document, so a new
 * endpoint is covered), other spellings of their paths, and requests sent byte for byte as written.
 */
public final class Endpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Endpoints() {
    }

    public record Endpoint(String method, String template) {
        public String id() {
            return method + " " + template;
        }
    }

    /** The /v1 operations the running service documents. */
    public static List<Endpoint> served() throws Exception {
        JsonNode doc = JSON.readTree(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/v1")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (Set.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                    endpoints.add(new Endpoint(method, path.getKey()));
                }
            }
        }
        assertTrue(endpoints.size() >= 15, "too few endpoints in the OpenAPI document: " + endpoints);
        return endpoints;
    }

    /** Other spellings of a path template: each segment with a matrix parameter, doubled, trailing and leading slashes, %-escapes, case. */
    public static List<String> spellings(String path) {
        Set<String> out = new LinkedHashSet<>();
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            out.add(join(segments, i, segments[i] + ";x"));
            out.add(join(segments, i, segments[i] + ";x=1;y"));
            out.add(join(segments, i, segments[i] + "/"));
            out.add(join(segments, i, "/" + segments[i]));
            if (!segments[i].startsWith("{")) { // a parameter is filled in later; an id's case is the id's
                out.add(join(segments, i, String.format("%%%02x", (int) segments[i].charAt(0)) + segments[i].substring(1)));
                out.add(join(segments, i, String.format("%%%02X", (int) segments[i].charAt(0)) + segments[i].substring(1)));
                out.add(join(segments, i, segments[i].toUpperCase(Locale.ROOT)));
            }
        }
        out.add(path + "/");
        out.add(path + ";x");
        out.add(path + "/;x");
        out.add(upperStatic(path));
        out.add("/" + path);
        out.add(path.replace("/v1/", "/v1/./"));
        out.add(path.replace("/v1/", "/v1/x/../"));
        out.add(path.replace("/v1/", "/v1/%2e/"));
        out.remove(path);
        return new ArrayList<>(out);
    }

    private static String upperStatic(String template) {
        StringBuilder b = new StringBuilder();
        for (String segment : template.substring(1).split("/")) {
            b.append('/').append(segment.startsWith("{") ? segment : segment.toUpperCase(Locale.ROOT));
        }
        return b.toString();
    }

    private static String join(String[] segments, int at, String replacement) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            b.append('/').append(i == at ? replacement : segments[i]);
        }
        return b.toString();
    }

    public static HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
