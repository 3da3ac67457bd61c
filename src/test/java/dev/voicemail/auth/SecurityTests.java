package dev.voicemail.auth;

import static dev.voicemail.testing.Api.as;
import static dev.voicemail.testing.Api.decision;
import static dev.voicemail.testing.Api.newAgency;
import static dev.voicemail.testing.Api.operator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** API keys: 401 without a valid key, 403 for a role that is not allowed, keys shown once and revocable. */
abstract class SecurityTests {

    private Api.Agency agency;
    private String clientId;

    @BeforeEach
    void agency() {
        agency = newAgency("sec");
        clientId = Api.unique("c");
        agency.client(clientId, "always");
    }

    /** One call per protected area, as a function of the key to send (null: none). */
    private Response call(String area, String key) {
        var spec = key == null ? given().contentType(ContentType.JSON) : as(key);
        return switch (area) {
            case "clients" -> spec.get("/v1/clients/" + clientId);
            case "keys" -> spec.get("/v1/keys");
            case "decisions" -> spec.body(decision(clientId)).post("/v1/decisions");
            case "batch" -> spec.body(Map.of("requests", List.of(decision(clientId)))).post("/v1/decisions/batch");
            case "rules" -> spec.get("/v1/rules");
            case "policies" -> spec.get("/v1/policies");
            default -> throw new IllegalArgumentException(area);
        };
    }

    private static final List<String> AREAS = List.of("clients", "keys", "decisions", "batch", "rules", "policies");

    @Test
    void withoutAKeyEveryV1CallIs401WithAJsonBody() {
        for (String area : AREAS) {
            call(area, null).then().statusCode(401).contentType(ContentType.JSON)
                    .header("WWW-Authenticate", "Bearer").body("error", equalTo("unauthorized"));
        }
        given().put("/v1/clients/x").then().statusCode(401);
        given().delete("/v1/keys/x").then().statusCode(401);
    }

    @Test
    void aWrongOrMalformedKeyIs401() {
        String realButAltered = agency.admin().substring(0, agency.admin().length() - 2) + "xx";
        for (String bad : List.of("wrong", realButAltered, "vmk_0123456789abcdef.secret", Api.BOOTSTRAP_KEY + "x")) {
            for (String area : AREAS) {
                call(area, bad).then().statusCode(401).body("error", equalTo("unauthorized"));
            }
        }
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/clients").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/v1/clients").then().statusCode(401);
    }

    @Test
    void eachRoleReachesOnlyItsOwnEndpoints() {
        // an admin reads the rules' status and the policies too: it chooses its clients' policies
        Map<String, Map<String, Integer>> expected = Map.of(
                agency.admin(), Map.of("clients", 200, "keys", 200, "decisions", 403, "batch", 403, "rules", 200, "policies", 200),
                agency.crm(), Map.of("clients", 403, "keys", 403, "decisions", 200, "batch", 200, "rules", 403, "policies", 403),
                Api.operatorAuthor(), Map.of("clients", 403, "keys", 403, "decisions", 403, "batch", 403, "rules", 200, "policies", 200));
        expected.forEach((key, byArea) -> byArea.forEach((area, status) -> {
            Response r = call(area, key);
            assertEquals(status, r.statusCode(), area + " answered " + r.asString());
            if (status == 403) {
                assertEquals("forbidden", r.jsonPath().getString("error"));
            }
        }));
        // writes too: a crm key can neither change a client nor create a key
        as(agency.crm()).body(Map.of("name", "x", "policy", "never")).put("/v1/clients/" + clientId).then().statusCode(403);
        as(agency.crm()).body(Map.of("name", "x", "roles", List.of("admin"))).post("/v1/keys").then().statusCode(403);
        as(Api.operatorAuthor()).delete("/v1/clients/" + clientId).then().statusCode(403);
    }

    @Test
    void healthOpenApiAndSwaggerStayOpen() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
        // even a wrong key does not close them
        given().header("Authorization", "Bearer wrong").get("/q/health").then().statusCode(200);
    }

    /** An admin key that also holds crm, so that it may give crm keys (a key gives only roles it holds). */
    private String lead() {
        return (String) Api.key(agency.name(), "admin", "crm").get("key");
    }

    @Test
    void aNewKeyIsShownOnceAndStoredOnlyAsAHash() {
        Map<String, Object> created = as(lead()).body(Map.of("name", "second crm", "roles", List.of("crm")))
                .post("/v1/keys").then().statusCode(201)
                .body("key", startsWith("vmk_")).body("agency", equalTo(agency.name())).body("roles", equalTo(List.of("crm")))
                .extract().jsonPath().getMap("");
        String key = (String) created.get("key");
        String listing = agency.asAdmin().get("/v1/keys").then().statusCode(200)
                .body("items.id", hasItem(created.get("id")))
                .body("items.find { it.id == '" + created.get("id") + "' }.key", nullValue())
                .extract().asString();
        assertFalse(listing.contains(key.substring(key.indexOf('.') + 1)), "the listing shows a secret");
        as(key).body(decision(clientId)).post("/v1/decisions").then().statusCode(200);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        Map<String, Object> created = as(lead()).body(Map.of("name", "temp", "roles", List.of("crm")))
                .post("/v1/keys").then().statusCode(201).extract().jsonPath().getMap("");
        String key = (String) created.get("key");
        as(key).body(decision(clientId)).post("/v1/decisions").then().statusCode(200);
        agency.asAdmin().delete("/v1/keys/" + created.get("id")).then().statusCode(204);
        as(key).body(decision(clientId)).post("/v1/decisions").then().statusCode(401);
        agency.asAdmin().get("/v1/keys").then().body("items.find { it.id == '" + created.get("id") + "' }.revokedAt",
                not(nullValue()));
    }

    @Test
    void anAgencyManagesOnlyItsOwnKeys() {
        Api.Agency other = newAgency("sec-other");
        // another agency's key cannot be revoked (404, as a missing one), nor a key made for it
        agency.asAdmin().delete("/v1/keys/" + other.adminId()).then().statusCode(404);
        agency.asAdmin().body(Map.of("name", "x", "roles", List.of("admin"), "agency", other.name()))
                .post("/v1/keys").then().statusCode(403);
        agency.asAdmin().get("/v1/keys").then().body("items.id", not(hasItem(other.adminId())));
        other.asAdmin().get("/v1/clients/" + clientId).then().statusCode(404);
        // the operator (bootstrap key) can
        operator().get("/v1/keys?agency=" + other.name()).then().statusCode(200).body("items.id", hasItem(other.adminId()));
    }

    @Test
    void keyRequestsAreValidated() {
        agency.asAdmin().body(Map.of("name", "x", "roles", List.of("root"))).post("/v1/keys")
                .then().statusCode(400).body("field", equalTo("roles[0]"));
        agency.asAdmin().body(Map.of("name", "x")).post("/v1/keys").then().statusCode(400).body("field", equalTo("roles"));
        agency.asAdmin().body(Map.of("roles", List.of("crm"))).post("/v1/keys").then().statusCode(400)
                .body("field", equalTo("name"));
    }
}
