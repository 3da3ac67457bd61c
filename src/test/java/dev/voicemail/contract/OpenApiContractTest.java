package dev.voicemail.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.voicemail.facts.Action;
import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.MessageKind;
import dev.voicemail.facts.Outcome;
import dev.voicemail.facts.Sequence;
import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The served OpenAPI document is the contract: it equals the checked-in openapi/openapi.json (from
 * which the build generates the client GeneratedClientIT uses, so drift fails the build), and it
 * describes every endpoint fully. Writes the served document to target/openapi.json for the linter.
 */
@QuarkusTest
class OpenApiContractTest {

    static final Path CHECKED_IN = Path.of("openapi/openapi.json");
    static final Path SERVED = Path.of("target/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static JsonNode doc;

    /** Paths only the test build serves (src/test/java): auth/UnannotatedProbeResource. */
    static final List<String> TEST_ONLY_PATHS = List.of("/v1/unannotated-probe");

    /** Fetched once, in the first test (the port is known only once Quarkus runs the tests). */
    @BeforeEach
    void fetch() throws IOException {
        if (doc != null) {
            return;
        }
        String body = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        JsonNode served = JSON.readTree(body);
        // Resources of the test build itself are not part of the product's document
        for (String path : TEST_ONLY_PATHS) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) served.get("paths")).remove(path);
        }
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, JSON.writeValueAsString(served));
        doc = served;
    }

    @Test
    void theServedDocumentIsTheCheckedInContract() throws IOException {
        JsonNode contract = JSON.readTree(Files.readString(CHECKED_IN));
        if (!contract.equals(doc)) {
            fail("The served OpenAPI document differs from " + CHECKED_IN + " (the contract the client is generated from)."
                    + " If the change is meant, review `diff " + CHECKED_IN + " " + SERVED + "` and copy it: cp " + SERVED
                    + " " + CHECKED_IN);
        }
    }

    private static List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> ops = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                ops.add(Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()))));
        return ops;
    }

    @Test
    void everyOperationHasAnIdASummaryADescriptionATagAndSecurity() {
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> op : operations()) {
            JsonNode o = op.getValue();
            assertTrue(o.hasNonNull("operationId"), op.getKey() + " has an operationId");
            assertTrue(ids.add(o.get("operationId").asText()), "unique operationId " + o.get("operationId"));
            assertTrue(o.path("summary").asText().split(" ").length >= 2, op.getKey() + " has a summary of words: " + o.get("summary"));
            assertTrue(o.path("description").asText().length() > 20, op.getKey() + " has a description");
            assertTrue(o.path("tags").size() > 0, op.getKey() + " has a tag");
            if (op.getKey().contains(" /v1/")) {
                assertEquals("[{\"apiKey\":[]}]", o.path("security").toString(), op.getKey() + " declares the API key");
            }
        }
        assertTrue(operations().size() >= 15, "every endpoint is listed: " + operations().size());
    }

    @Test
    void everyV1OperationDocumentsItsErrorsWithTheErrorSchema() {
        for (Map.Entry<String, JsonNode> op : operations()) {
            if (!op.getKey().contains(" /v1/")) {
                continue;
            }
            JsonNode responses = op.getValue().get("responses");
            List<String> expected = new ArrayList<>(List.of("401", "403", "406", "500"));
            if (op.getValue().has("requestBody")) {
                expected.addAll(List.of("400", "413", "415"));
            }
            for (String status : expected) {
                assertTrue(responses.has(status), op.getKey() + " documents " + status);
            }
            responses.fields().forEachRemaining(r -> {
                int status = Integer.parseInt(r.getKey());
                if (status >= 400) {
                    JsonNode response = resolve(r.getValue());
                    JsonNode schema = response.path("content").path("application/json").path("schema");
                    String ref = schema.path("$ref").asText();
                    assertTrue(ref.equals("#/components/schemas/ApiError") || ref.equals("#/components/schemas/RulesRejected"),
                            op.getKey() + " " + status + " answers the error schema: " + response);
                }
            });
        }
    }

    @Test
    void operationsDocumentWhatTheyReallyAnswer() {
        JsonNode client = doc.at("/paths/~1v1~1clients~1{clientId}");
        assertTrue(client.at("/delete/responses").has("204"), "DELETE answers 204");
        assertFalse(client.at("/delete/responses").has("200"), "DELETE does not answer 200");
        for (String status : List.of("200", "201", "412", "422")) {
            assertTrue(client.at("/put/responses").has(status), "PUT documents " + status);
        }
        assertEquals("#/components/schemas/Client", client.at("/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Client", client.at("/put/responses/201/content/application~1json/schema/$ref").asText());
        assertTrue(client.at("/get/responses").has("404"));
        assertTrue(doc.at("/paths/~1v1~1decisions/post/responses").has("404"));
        assertFalse(doc.at("/paths/~1v1~1decisions/post/responses/200/content/application~1json/examples").isMissingNode(),
                "a decision has an example answer");
        assertFalse(doc.at("/paths/~1v1~1decisions/post/requestBody/content/application~1json/examples").isMissingNode(),
                "a decision has an example request");
    }

    @Test
    void theBenchmarkEchoIsNotListedWhenItIsOff() {
        assertFalse(doc.get("paths").has("/bench/echo"), "/bench/echo answers 404 unless voicemail.bench.echo=true");
        given().contentType("application/json").body("{}").post("/bench/echo").then().statusCode(404);
    }

    private static JsonNode schema(String name) {
        JsonNode s = doc.at("/components/schemas/" + name);
        assertFalse(s.isMissingNode(), "schema " + name);
        return s;
    }

    private static Set<String> required(String name) {
        Set<String> r = new HashSet<>();
        schema(name).path("required").forEach(n -> r.add(n.asText()));
        return r;
    }

    private static Set<String> enumOf(JsonNode property) {
        JsonNode s = property.has("$ref") ? resolve(property) : property;
        Set<String> values = new HashSet<>();
        s.path("enum").forEach(n -> values.add(n.asText()));
        return values;
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> s = new HashSet<>();
        Arrays.stream(values).forEach(v -> s.add(v.name()));
        return s;
    }

    @Test
    void requestAndAnswerSchemasSayWhatIsRequiredAndWhichValuesAreAllowed() {
        assertEquals(Set.of("clientId", "prospect"), required("DecisionRequest"));
        assertEquals(Set.of("id"), required("Prospect"));
        assertEquals(Set.of("at", "channel", "outcome"), required("Attempt"));
        assertEquals(Set.of("name", "policy"), required("ClientInput"));
        assertTrue(required("DecisionResponse").containsAll(Set.of("action", "reasons", "rulesVersion", "next")));
        assertFalse(required("DecisionResponse").contains("message"), "message only with LEAVE_VOICEMAIL");
        assertEquals(Set.of("error", "message"), required("ApiError"));

        JsonNode attempt = schema("Attempt").get("properties");
        assertEquals("date-time", attempt.at("/at/format").asText());
        assertEquals("date-time", schema("Call").at("/properties/at/format").asText());
        assertEquals(names(Channel.values()), enumOf(attempt.get("channel")));
        assertEquals(names(Outcome.values()), enumOf(attempt.get("outcome")));
        assertEquals(names(Direction.values()), enumOf(attempt.get("direction")));
        JsonNode response = schema("DecisionResponse").get("properties");
        assertEquals(names(Action.values()), enumOf(response.get("action")));
        assertEquals(names(MessageKind.values()), enumOf(schema("Message").at("/properties/kind")));
        assertEquals(names(Sequence.values()), enumOf(schema("Next").at("/properties/sequence")));
        assertTrue(schema("Next").at("/properties/notBefore").toString().contains("date-time")
                || schema("Next").at("/properties/notBefore").toString().contains("OffsetDateTime"));
        assertEquals("[{\"$ref\":\"#/components/schemas/DecisionResponse\"},{\"$ref\":\"#/components/schemas/BatchError\"}]",
                schema("BatchResponse").at("/properties/results/items/oneOf").toString(), "a batch result is a decision or an error");
    }

    @Test
    void everyPropertyOfEveryComponentHasAType() {
        doc.at("/components/schemas").fields().forEachRemaining(s -> {
            Iterator<Map.Entry<String, JsonNode>> props = s.getValue().path("properties").fields();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> p = props.next();
                JsonNode v = p.getValue();
                if ((s.getKey() + "." + p.getKey()).equals("PolicyParameter.default")) {
                    continue; // any JSON value, as the parameter's type says
                }
                assertTrue(v.has("type") || v.has("$ref") || v.has("anyOf") || v.has("oneOf"),
                        s.getKey() + "." + p.getKey() + " has a type: " + v);
                assertFalse(v.has("$ref") && v.has("type"), s.getKey() + "." + p.getKey() + " is a $ref without a stray type: " + v);
            }
        });
    }

    @Test
    void theDocumentedSecurityIsWhatTheServiceEnforces() {
        for (String path : List.of("/v1/rules", "/v1/policies", "/v1/clients", "/v1/keys")) {
            given().get(path).then().statusCode(401);
            assertEquals("[{\"apiKey\":[]}]", doc.at("/paths/" + path.replace("/", "~1") + "/get/security").toString(), path);
        }
        Api.operator().delete("/v1/clients/no-such-client").then().statusCode(404);
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        JsonNode target = doc.at(ref.substring(1));
        assertNotNull(target, ref);
        assertFalse(target.isMissingNode(), ref);
        return target;
    }
}
