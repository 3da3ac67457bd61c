package dev.voicemail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * What every black-box test starts from: JSON requests to the service under test as the operator or
 * as a given key, test agencies with a key per role, request bodies.
 */
public final class Api {

    /** The operator key the test profile configures (voicemail.auth.bootstrap-key). */
    public static final String BOOTSTRAP_KEY = "test-bootstrap-key-0123456789";

    /** The operator key of the test profile: all roles, agency "default". */
    public static final String KEY = BOOTSTRAP_KEY;

    private Api() {
    }

    /** A JSON request as the operator. */
    public static RequestSpecification api() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** RestAssured's given(), authenticated with the operator key (every /v1 call needs a key). */
    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + KEY);
    }

    public static RequestSpecification as(String key) {
        return RestAssured.given().config(raw()).header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /**
     * The tests send pathological bodies (100,000 nested brackets): RestAssured's log-on-failure
     * copy of each request must not pretty-print them, which costs memory with the square of the depth.
     */
    public static RestAssuredConfig raw() {
        return RestAssured.config().logConfig(RestAssured.config().getLogConfig().enablePrettyPrinting(false));
    }

    public static RequestSpecification operator() {
        return as(BOOTSTRAP_KEY);
    }

    /** The agency that owns the shared rules (voicemail.auth.operator-agency): the only one with author keys. */
    public static final String OPERATOR_AGENCY = "default";

    /**
     * A fresh agency with an admin and a crm key, created by the operator. Its {@code author} key is
     * null: only the operator's agency has authors ({@link #operatorAuthor()}).
     */
    public record Agency(String name, String admin, String adminId, String crm, String author) {

        public RequestSpecification asAdmin() {
            return as(admin);
        }

        public RequestSpecification asCrm() {
            return as(crm);
        }

        public RequestSpecification asAuthor() {
            return as(author);
        }

        /** Creates (or replaces) a client of this agency. */
        public void client(String id, String policy) {
            asAdmin().body(Map.of("name", "Client " + id, "policy", policy, "timezone", "America/Chicago"))
                    .put("/v1/clients/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
    }

    public static Agency newAgency(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> admin = key(name, "admin");
        return new Agency(name, (String) admin.get("key"), (String) admin.get("id"), (String) key(name, "crm").get("key"),
                null);
    }

    /** A new author key of the operator's agency. */
    public static String operatorAuthor() {
        return (String) key(OPERATOR_AGENCY, "author").get("key");
    }

    public static Map<String, Object> key(String agency, String... roles) {
        return operator().body(Map.of("name", String.join("+", roles) + " key", "roles", List.of(roles), "agency", agency))
                .post("/v1/keys").then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** A decision request body for a client whose call is the day's last attempt. */
    public static Map<String, Object> decision(String clientId) {
        return Map.of("clientId", clientId, "prospect", Map.of("id", "p-1"),
                "call", Map.of("at", "2026-11-23T10:35:00-06:00", "remainingAttemptsToday", 0));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON payload from src/test/resources/payloads. */
    public static String payload(String name) {
        try (InputStream in = Api.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client body for PUT /v1/clients/{id}. */
    public static String client(String policy, String timezone) {
        return """
                {"name": "Acme Scales", "policy": "%s", "timezone": %s, "parameters": {},
                 "valuePropositions": ["Calibration in one visit", "Certificates your auditor accepts"]}
                """.formatted(policy, timezone == null ? "null" : "\"" + timezone + "\"");
    }

    public static void putClient(String id, String policy, String timezone) {
        api().body(client(policy, timezone)).put("/v1/clients/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }
}
