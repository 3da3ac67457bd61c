package dev.voicemail.decision;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.putClient;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The batch body is read as a stream, item by item: each item is read and checked exactly as a
 * single request's body is, a malformed body fails whole even after good items, and a batch past
 * the limit is refused without reading the rest.
 */
@QuarkusTest
class BatchStreamingTest {

    private static final String CLIENT = "batch-stream";

    @BeforeEach
    void client() {
        putClient(CLIENT, "always", "America/Chicago");
    }

    private static String good(int i) {
        return "{\"clientId\": \"" + CLIENT + "\", \"prospect\": {\"id\": \"p-" + i + "\"}, "
                + "\"call\": {\"at\": \"2026-11-23T16:00:00Z\", \"remainingAttemptsToday\": 0}}";
    }

    @Test
    void aBadItemGetsTheAnswerItWouldGetAlone() {
        List<String> bad = List.of(
                // a duplicate key, an unknown field, a wrong type, a string past the parser's limit
                "{\"clientId\": \"" + CLIENT + "\", \"clientId\": \"other\", \"prospect\": {\"id\": \"p\"}}",
                "{\"clientId\": \"" + CLIENT + "\", \"prospect\": {\"id\": \"p\", \"colour\": \"red\"}}",
                "{\"clientId\": \"" + CLIENT + "\", \"prospect\": {\"id\": \"p\"}, \"attempts\": {}}",
                "{\"clientId\": \"" + CLIENT + "\", \"prospect\": {\"id\": \"" + "p".repeat(100_001) + "\"}}",
                "{\"clientId\": \"" + CLIENT + "\", \"prospect\": {\"id\": \"p\"}, \"call\": {\"remainingAttemptsToday\": 1.5}}");
        StringJoiner body = new StringJoiner(",", "{\"requests\": [", "]}");
        body.add(good(0));
        bad.forEach(body::add);
        body.add(good(6));
        List<Map<String, Object>> results = api().body(body.toString()).post("/v1/decisions/batch")
                .then().statusCode(200).extract().jsonPath().getList("results");
        assertEquals(7, results.size());
        assertEquals("p-0", results.get(0).get("prospectId"));
        assertEquals("p-6", results.get(6).get("prospectId"));
        for (int i = 0; i < bad.size(); i++) {
            Response alone = api().body(bad.get(i)).post("/v1/decisions");
            Map<String, Object> item = results.get(i + 1);
            assertEquals(alone.statusCode(), item.get("status"), "item " + (i + 1) + ": " + item);
            assertEquals(alone.jsonPath().getString("error"), item.get("error"), "item " + (i + 1));
            assertEquals(alone.jsonPath().getString("message"), item.get("message"), "item " + (i + 1));
            assertEquals(alone.jsonPath().getString("field"), item.get("field"), "item " + (i + 1));
        }
        assertEquals(List.of(400, 400, 400, 413, 400), IntStream.range(0, bad.size()).mapToObj(i -> results.get(i + 1).get("status")).toList());
    }

    @Test
    void aMalformedTailAfterGoodItemsFailsTheWholeBody() {
        StringJoiner items = new StringJoiner(",", "{\"requests\": [", "");
        IntStream.range(0, 500).forEach(i -> items.add(good(i)));
        String goodPart = items.toString();
        // cut off in the middle of an item
        api().body(goodPart + ", {\"clientId\": ").post("/v1/decisions/batch")
                .then().statusCode(400).body("error", equalTo("malformed_json")).body("results", nullValue());
        // a syntax error in an item, good items after it
        api().body(goodPart + ", {\"clientId\" \"x\"}, " + good(501) + "]}").post("/v1/decisions/batch")
                .then().statusCode(400).body("error", equalTo("malformed_json"));
        // content after the end of the batch, and an unknown field after the items
        api().body(goodPart + "]} {}").post("/v1/decisions/batch")
                .then().statusCode(400).body("message", startsWith("the body is not valid JSON"));
        api().body(goodPart + "], \"more\": []}").post("/v1/decisions/batch")
                .then().statusCode(400).body("error", equalTo("unknown_field")).body("field", equalTo("more"));
        api().body(goodPart + "], \"requests\": []}").post("/v1/decisions/batch")
                .then().statusCode(400).body("field", equalTo("requests"));
        // the same items, properly closed, are decided
        api().body(goodPart + "]}").post("/v1/decisions/batch")
                .then().statusCode(200).body("results[499].prospectId", equalTo("p-499"));
    }

    @Test
    void tooManyItemsAreRefusedWithoutReadingTheRest() {
        StringBuilder body = new StringBuilder("{\"requests\": [");
        for (int i = 0; i <= 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{}");
        }
        // were it read, this tail would make the body malformed JSON (400)
        body.append(", {\"never read\": ");
        api().body(body.toString()).post("/v1/decisions/batch")
                .then().statusCode(413).body("error", equalTo("limit_exceeded")).body("field", equalTo("requests"));
    }

    @Test
    void aChunkedUploadIsDecidedAsItArrives() throws Exception {
        int n = 3000;
        StringJoiner items = new StringJoiner(",", "{\"requests\": [", "]}");
        IntStream.range(0, n).forEach(i -> items.add(i % 5 == 4 ? "\"not an object\"" : good(i)));
        byte[] bytes = items.toString().getBytes(StandardCharsets.UTF_8);
        // the body in small pieces, with no Content-Length (chunked transfer encoding)
        List<InputStream> pieces = IntStream.range(0, (bytes.length + 999) / 1000)
                .mapToObj(i -> (InputStream) new ByteArrayInputStream(bytes, i * 1000, Math.min(1000, bytes.length - i * 1000)))
                .toList();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/decisions/batch"))
                .header("Authorization", "Bearer " + dev.voicemail.testing.Api.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(pieces))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = new ObjectMapper().readTree(response.body()).get("results");
        assertEquals(n, results.size());
        for (int i = 0; i < n; i++) {
            if (i % 5 == 4) {
                assertEquals(400, results.get(i).get("status").asInt(), "item " + i);
            } else {
                assertEquals("p-" + i, results.get(i).get("prospectId").asText(), "item " + i);
                assertEquals("LEAVE_VOICEMAIL", results.get(i).get("action").asText(), "item " + i);
            }
        }
    }
}
