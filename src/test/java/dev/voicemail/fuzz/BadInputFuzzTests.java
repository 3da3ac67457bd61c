package dev.voicemail.fuzz;

import static dev.voicemail.testing.Api.decision;
import static dev.voicemail.testing.Api.newAgency;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.voicemail.testing.Api;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * Generated bad input: valid requests mutated at random (seeded, so a failure replays) — fields
 * dropped, duplicated, added or retyped, JSON truncated, random bytes, huge numbers, deep nesting,
 * wrong content types — sent through HTTP. Every answer must be a 4xx with a JSON error body, within
 * a timeout; afterwards good requests still get correct decisions.
 */
abstract class BadInputFuzzTests {

    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static RestAssuredConfig timeouts() {
        return Api.raw().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000));
    }

    /** A request to mutate: where it goes, who sends it, and its valid body. */
    private record Target(String method, String path, String key, ObjectNode body) {
    }

    @Test
    void mutatedRequestsGetOnlyJson4xxAndTheServiceStaysCorrect() throws Exception {
        Api.Agency agency = newAgency("fuzz");
        String leave = Api.unique("leave");
        String hang = Api.unique("hang");
        agency.client(leave, "always");
        agency.client(hang, "never");
        String fuzzed = Api.unique("fuzzed"); // the client the mutated PUTs aim at: none may create it

        List<Target> targets = List.of(
                new Target("POST", "/v1/decisions", agency.crm(), decisionBody(leave)),
                new Target("POST", "/v1/decisions/batch", agency.crm(), (ObjectNode) NODES.objectNode()
                        .set("requests", NODES.arrayNode().add(decisionBody(leave)).add(decisionBody(hang)))),
                new Target("PUT", "/v1/clients/" + fuzzed, agency.admin(), clientBody()),
                new Target("POST", "/v1/keys", agency.admin(), (ObjectNode) JSON.readTree(
                        "{\"name\":\"fuzz\",\"roles\":[\"crm\"],\"agency\":\"" + agency.name() + "\"}")));

        Random random = new Random(SEED);
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Target target = targets.get(random.nextInt(targets.size()));
            Mutant mutant = mutate(target.body(), target.path(), random);
            Response r = RestAssured.given().config(timeouts()).header("Authorization", "Bearer " + target.key())
                    .contentType(mutant.contentType()).body(mutant.body())
                    .request(target.method(), target.path());
            int status = r.statusCode();
            String answer = r.asString();
            String replay = "request " + i + " (seed " + SEED + ", " + mutant.kind() + ") to " + target.path() + ": "
                    + abbreviate(new String(mutant.body(), StandardCharsets.UTF_8)) + " -> " + status + " " + abbreviate(answer);
            if (target.path().endsWith("/batch") && status == 200) {
                // a batch answers per item, so that one bad item fails alone: the mutated item must be a 4xx
                JsonNode results = JSON.readTree(answer).path("results");
                boolean refused = false;
                for (JsonNode item : results) {
                    int itemStatus = item.path("status").asInt(200);
                    assertTrue(itemStatus < 500, replay);
                    refused |= itemStatus >= 400 && item.hasNonNull("error");
                }
                assertTrue(refused, "no item refused: " + replay);
                statuses.merge("200 (item 4xx) " + mutant.kind(), 1, Integer::sum);
                continue;
            }
            if (status < 400 || status >= 500) {
                fail("not a 4xx: " + replay);
            }
            JsonNode error;
            try {
                error = JSON.readTree(answer);
            } catch (Exception e) {
                throw new AssertionError("the answer is not JSON: " + replay, e);
            }
            assertTrue(error.hasNonNull("error") && error.hasNonNull("message"), replay);
            statuses.merge(status + " " + mutant.kind(), 1, Integer::sum);
        }
        System.out.println("Generated bad input, answers by status and mutation: " + statuses);

        // the mutated PUTs created nothing, and the service still decides correctly
        agency.asAdmin().get("/v1/clients/" + fuzzed).then().statusCode(404);
        agency.asCrm().body(decision(leave)).post("/v1/decisions").then().statusCode(200)
                .body("action", equalTo("LEAVE_VOICEMAIL")).body("reasons[0].rule", equalTo("leave a voicemail on the last attempt of the day"));
        agency.asCrm().body(decision(hang)).post("/v1/decisions").then().statusCode(200).body("action", equalTo("HANG_UP"));
        agency.asCrm().body(Map.of("requests", List.of(decision(leave), decision(hang)))).post("/v1/decisions/batch")
                .then().statusCode(200).body("results.action", equalTo(List.of("LEAVE_VOICEMAIL", "HANG_UP")));
        agency.asAdmin().get("/v1/clients/" + leave).then().statusCode(200).body("version", equalTo(1));
    }

    private static ObjectNode decisionBody(String clientId) throws Exception {
        return (ObjectNode) JSON.readTree("{\"clientId\":\"" + clientId + "\",\"prospect\":{\"id\":\"p-1\",\"timezone\":\"America/Chicago\"},"
                + "\"call\":{\"at\":\"2026-11-23T10:35:00-06:00\",\"remainingAttemptsToday\":0},\"attempts\":["
                + "{\"at\":\"2026-11-20T10:00:00-06:00\",\"channel\":\"CALL\",\"outcome\":\"NO_ANSWER\",\"direction\":\"OUTBOUND\",\"decisionMaker\":false},"
                + "{\"at\":\"2026-11-21T11:00:00-06:00\",\"channel\":\"EMAIL\",\"outcome\":\"SENT\"}]}");
    }

    private static ObjectNode clientBody() throws Exception {
        return (ObjectNode) JSON.readTree("{\"name\":\"Fuzzed\",\"policy\":\"always\",\"timezone\":\"America/Chicago\","
                + "\"parameters\":{},\"valuePropositions\":[\"We call back\"]}");
    }

    record Mutant(String kind, String contentType, byte[] body) {
        static Mutant json(String kind, JsonNode node) {
            return text(kind, node.toString());
        }

        static Mutant text(String kind, String text) {
            return new Mutant(kind, "application/json", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Fields a request cannot do without, per endpoint (dropping one must be refused). */
    private static List<String> required(String path) {
        if (path.endsWith("/batch")) {
            return List.of("requests", "requests.0.clientId", "requests.1.prospect");
        }
        if (path.startsWith("/v1/clients")) {
            return List.of("name", "policy");
        }
        if (path.startsWith("/v1/keys")) {
            return List.of("name", "roles");
        }
        return List.of("clientId", "prospect", "prospect.id", "attempts.0.at", "attempts.0.channel", "attempts.1.outcome");
    }

    static Mutant mutate(ObjectNode valid, String path, Random random) {
        ObjectNode body = valid.deepCopy();
        switch (random.nextInt(12)) {
            case 0 -> {
                List<String> required = required(path);
                String field = required.get(random.nextInt(required.size()));
                remove(body, field);
                return Mutant.json("drop", body);
            }
            case 1 -> {
                // a duplicated field is ambiguous: which value did the sender mean?
                String text = body.toString();
                String first = body.fieldNames().next();
                String dup = "\"" + first + "\":" + body.get(first) + ",";
                return Mutant.text("duplicate", "{" + dup + text.substring(1));
            }
            case 2 -> {
                JsonNode parent = randomContainer(body, random);
                if (parent instanceof ObjectNode o) {
                    o.put("unexpected" + random.nextInt(100), random.nextInt());
                } else {
                    ((ArrayNode) parent).add(NODES.numberNode(random.nextInt())); // every array here holds strings or objects
                }
                return Mutant.json("add", body);
            }
            case 3 -> {
                retype(body, random);
                return Mutant.json("retype", body);
            }
            case 4 -> {
                String text = body.toString();
                return Mutant.text("truncate", text.substring(0, random.nextInt(text.length() - 1)));
            }
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                return new Mutant("random-bytes", "application/json", bytes);
            }
            case 6 -> {
                String digits = "9".repeat(1 + random.nextInt(400));
                String number = switch (random.nextInt(3)) {
                    case 0 -> digits;
                    case 1 -> "-" + digits + ".5e" + digits.length();
                    default -> "1e" + digits;
                };
                String text = body.toString();
                String[] slots = {"\"clientId\":", "\"name\":", "\"id\":", "\"remainingAttemptsToday\":", "\"roles\":"};
                for (String slot : slots) {
                    int at = text.indexOf(slot);
                    if (at >= 0 && random.nextBoolean()) {
                        int start = at + slot.length();
                        int end = valueEnd(text, start);
                        return Mutant.text("huge-number", text.substring(0, start) + number + text.substring(end));
                    }
                }
                return Mutant.text("huge-number", number);
            }
            case 7 -> {
                int depth = 33 + random.nextInt(5000);
                String open = random.nextBoolean() ? "[".repeat(depth) : "{\"x\":".repeat(depth);
                String text = body.toString();
                int cut = text.indexOf(':') + 1;
                return Mutant.text("deep", text.substring(0, cut) + open + text.substring(cut));
            }
            case 8 -> {
                String[] types = {"text/plain", "application/xml", "text/csv", "application/octet-stream"};
                return new Mutant("content-type", types[random.nextInt(types.length)],
                        body.toString().getBytes(StandardCharsets.UTF_8));
            }
            case 9 -> {
                // a valid shape with a value out of its domain
                String text = body.toString();
                String[][] swaps = {
                        {"\"CALL\"", "\"FAX\""}, {"\"NO_ANSWER\"", "\"SENT\""}, {"America/Chicago", "Mars/Olympus"},
                        {"2026-11-23T10:35:00-06:00", "yesterday"}, {"\"remainingAttemptsToday\":0", "\"remainingAttemptsToday\":-1"},
                        {"\"always\"", "\"no-such-policy\""}, {"\"crm\"", "\"root\""}, {"\"p-1\"", "\"\""},
                        {"\"Fuzzed\"", "\"" + "n".repeat(201) + "\""}, {"\"fuzz\"", "\"  \""},
                        {"2026-11-21T11:00:00-06:00", "2030-01-01T00:00:00Z"}};
                List<String[]> applicable = new ArrayList<>();
                for (String[] s : swaps) {
                    if (text.contains(s[0])) {
                        applicable.add(s);
                    }
                }
                if (applicable.isEmpty()) {
                    return Mutant.text("empty", "");
                }
                String[] swap = applicable.get(random.nextInt(applicable.size()));
                return Mutant.text("domain", text.replace(swap[0], swap[1]));
            }
            case 10 -> {
                String[] shapes = {"", "null", "[]", "\"text\"", "42", "true", "{", "}", "{\"a\"}", "[{}]", "\u0000"};
                return Mutant.text("shape", shapes[random.nextInt(shapes.length)]);
            }
            default -> {
                // a long string where a short one belongs
                String text = body.toString();
                int at = text.indexOf("\":\"");
                String filler = "x".repeat(200 + random.nextInt(150_000));
                return Mutant.text("long-string", text.substring(0, at + 3) + filler + text.substring(at + 3));
            }
        }
    }

    private static int valueEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static void remove(JsonNode root, String dotted) {
        String[] parts = dotted.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (node instanceof ObjectNode o) {
            o.remove(last);
        } else if (node instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
    }

    private static JsonNode randomContainer(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        return containers.get(random.nextInt(containers.size()));
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collect(child, into));
        }
    }

    /** Replaces a random non-null value with one of another JSON type. */
    private static void retype(ObjectNode root, Random random) {
        List<JsonNode> parents = new ArrayList<>();
        collect(root, parents);
        parents.removeIf(p -> p.size() == 0);
        JsonNode parent = parents.get(random.nextInt(parents.size()));
        if (parent instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = o.fieldNames();
            it.forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            o.set(name, other(o.get(name), random));
        } else {
            ArrayNode a = (ArrayNode) parent;
            int i = random.nextInt(a.size());
            a.set(i, other(a.get(i), random));
        }
    }

    private static JsonNode other(JsonNode value, Random random) {
        List<JsonNode> options = new ArrayList<>(List.of(NODES.textNode("3"), NODES.numberNode(3), NODES.numberNode(1.5),
                NODES.booleanNode(true), NODES.arrayNode().add(1), NODES.objectNode().put("k", "v")));
        options.removeIf(o -> o.getNodeType() == value.getNodeType());
        return options.get(random.nextInt(options.size()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }
}
