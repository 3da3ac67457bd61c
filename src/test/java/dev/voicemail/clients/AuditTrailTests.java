package dev.voicemail.clients;

import static dev.voicemail.testing.Api.newAgency;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.rules.RulesDirectory;
import dev.voicemail.testing.Api;

/** Every client change is recorded (who, when, old and new policy and parameters), newest first, read-only. */
abstract class AuditTrailTests {

    private Api.Agency agency;
    private String clientId;

    @BeforeEach
    void agency() {
        agency = newAgency("audit");
        clientId = Api.unique("c");
    }

    @Test
    void createReplaceAndDeleteAreRecordedNewestFirst() {
        Instant before = Instant.now().minusSeconds(5);
        agency.asAdmin().body(Map.of("name", "A", "policy", "always")).put("/v1/clients/" + clientId).then().statusCode(201);
        agency.asAdmin().body(Map.of("name", "A", "policy", "only-after-contact")).put("/v1/clients/" + clientId)
                .then().statusCode(200);
        agency.asAdmin().delete("/v1/clients/" + clientId).then().statusCode(204);

        var history = agency.asAdmin().get("/v1/clients/" + clientId + "/history").then().statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("items.change", equalTo(List.of("DELETE", "REPLACE", "CREATE")))
                .body("items.changedBy", equalTo(List.of(agency.adminId(), agency.adminId(), agency.adminId())))
                .body("items[2].oldPolicy", nullValue()).body("items[2].newPolicy", equalTo("always"))
                .body("items[2].newVersion", equalTo(1))
                .body("items[1].oldPolicy", equalTo("always")).body("items[1].newPolicy", equalTo("only-after-contact"))
                .body("items[1].oldVersion", equalTo(1)).body("items[1].newVersion", equalTo(2))
                .body("items[0].oldPolicy", equalTo("only-after-contact")).body("items[0].newPolicy", nullValue())
                .body("items[0].newVersion", nullValue())
                .extract().jsonPath();
        List<String> at = history.getList("items.changedAt");
        for (String t : at) {
            assertFalse(Instant.parse(t).isBefore(before), t);
        }
        assertFalse(Instant.parse(at.get(0)).isBefore(Instant.parse(at.get(2))), "not newest first: " + at);
    }

    @Test
    void parameterChangesAreRecordedWithOldAndNewValues() {
        String policy = anyPolicyWithAnIntParameter();
        if (policy == null) {
            // the loaded rules declare no integer parameter yet: the trail still records the (empty) parameters
            agency.client(clientId, "always");
            agency.client(clientId, "never");
            agency.asAdmin().get("/v1/clients/" + clientId + "/history").then()
                    .body("items[0].oldParameters", equalTo(Map.of())).body("items[0].newParameters", equalTo(Map.of()));
            return;
        }
        String[] parts = policy.split(":");
        agency.asAdmin().body(Map.of("name", "A", "policy", parts[0], "parameters", Map.of(parts[1], 2)))
                .put("/v1/clients/" + clientId).then().statusCode(201);
        agency.asAdmin().body(Map.of("name", "A", "policy", parts[0], "parameters", Map.of(parts[1], 3)))
                .put("/v1/clients/" + clientId).then().statusCode(200);
        agency.asAdmin().get("/v1/clients/" + clientId + "/history").then()
                .body("items[0].oldParameters." + parts[1], equalTo(2))
                .body("items[0].newParameters." + parts[1], equalTo(3))
                .body("items[1].oldParameters", nullValue())
                .body("items[1].newParameters." + parts[1], equalTo(2));
    }

    /** "policy:parameter" of a loaded policy with an int parameter that takes 2 and 3, read from the rules. */
    private static String anyPolicyWithAnIntParameter() {
        try {
            var rules = new dev.voicemail.rules.RulesCompiler()
                    .compile(dev.voicemail.rules.RulesDirectory.read(java.nio.file.Path.of("rules")));
            for (var p : rules.policies().values()) {
                for (var spec : p.parameters().values()) {
                    if (spec.type().equals("integer") && p.check(Map.of(spec.name(), 2)).isEmpty()
                            && p.check(Map.of(spec.name(), 3)).isEmpty()) {
                        return p.name() + ":" + spec.name();
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTrailCannotBeChangedThroughTheApi() {
        agency.client(clientId, "always");
        for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
            int status = agency.asAdmin().body(Map.of()).request(method, "/v1/clients/" + clientId + "/history").statusCode();
            assertEquals(405, status, method);
        }
        agency.asAdmin().get("/v1/clients/" + clientId + "/history").then().body("items.size()", equalTo(1));
    }

    @Test
    void aFailedChangeRecordsNothing() {
        agency.client(clientId, "always");
        agency.asAdmin().header("If-Match", "\"7\"").body(Map.of("name", "A", "policy", "never"))
                .put("/v1/clients/" + clientId).then().statusCode(412);
        agency.asAdmin().body(Map.of("name", "A", "policy", "no-such-policy")).put("/v1/clients/" + clientId)
                .then().statusCode(422);
        agency.asAdmin().get("/v1/clients/" + clientId + "/history").then().body("items.change", equalTo(List.of("CREATE")));
    }
}
