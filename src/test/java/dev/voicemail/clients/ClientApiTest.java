package dev.voicemail.clients;

import static dev.voicemail.testing.Api.api;
import static dev.voicemail.testing.Api.client;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Agencies manage clients: create, replace, read, page, delete; bad input is a 4xx naming the field. */
@QuarkusTest
class ClientApiTest {

    @Test
    void createReplaceReadDelete() {
        api().body(client("only-after-contact", "America/Chicago")).put("/v1/clients/crud-1")
                .then().statusCode(201)
                .header("Location", containsString("/v1/clients/crud-1"))
                .body("id", equalTo("crud-1"))
                .body("policy", equalTo("only-after-contact"))
                .body("version", equalTo(1));
        api().body("""
                {"name": "Acme Scales Inc.", "policy": "always", "timezone": "Europe/Berlin",
                 "valuePropositions": ["One"]}
                """).put("/v1/clients/crud-1")
                .then().statusCode(200)
                .body("name", equalTo("Acme Scales Inc."))
                .body("policy", equalTo("always"))
                .body("version", equalTo(2));
        api().get("/v1/clients/crud-1")
                .then().statusCode(200)
                .body("timezone", equalTo("Europe/Berlin"))
                .body("valuePropositions", contains("One"))
                .body("parameters.size()", equalTo(0));
        // The decision path sees the replaced policy at once.
        api().body("{\"clientId\": \"crud-1\", \"prospect\": {\"id\": \"p\"}}").post("/v1/decisions")
                .then().statusCode(200).body("policy", equalTo("always"));

        api().delete("/v1/clients/crud-1").then().statusCode(204);
        api().get("/v1/clients/crud-1").then().statusCode(404).body("error", equalTo("not_found"));
        api().delete("/v1/clients/crud-1").then().statusCode(404);
        api().body("{\"clientId\": \"crud-1\", \"prospect\": {\"id\": \"p\"}}").post("/v1/decisions")
                .then().statusCode(404);
    }

    @Test
    void listsClientsInPages() {
        for (int i = 0; i < 3; i++) {
            api().body(client("never", null)).put("/v1/clients/page-" + i).then().statusCode(greaterThanOrEqualTo(200));
        }
        api().queryParam("size", 500).get("/v1/clients")
                .then().statusCode(200)
                .body("items.id", hasItems("page-0", "page-1", "page-2"))
                .body("total", greaterThanOrEqualTo(3));
        api().queryParam("size", 1).queryParam("page", 0).get("/v1/clients")
                .then().statusCode(200).body("items", hasSize(1)).body("size", equalTo(1));
        api().queryParam("size", 0).get("/v1/clients").then().statusCode(400).body("field", equalTo("size"));
        api().queryParam("page", -1).get("/v1/clients").then().statusCode(400).body("field", equalTo("page"));
        api().queryParam("size", "ten").get("/v1/clients").then().statusCode(400).body("field", equalTo("size"));
    }

    @Test
    void unknownPolicyIs422NamingTheKnownOnes() {
        api().body(client("sometimes", null)).put("/v1/clients/bad-policy")
                .then().statusCode(422)
                .body("error", equalTo("unknown_policy"))
                .body("field", equalTo("policy"))
                .body("details.knownPolicies", hasItems("always", "never", "only-after-contact"))
                .body("message", containsString("only-after-contact"));
        api().get("/v1/clients/bad-policy").then().statusCode(404);
    }

    @Test
    void unknownParameterIs422() {
        api().body("{\"name\": \"X\", \"policy\": \"always\", \"parameters\": {\"voicemailsPerHour\": 3}}")
                .put("/v1/clients/bad-param")
                .then().statusCode(422)
                .body("error", equalTo("invalid_parameter"))
                .body("field", equalTo("parameters.voicemailsPerHour"));
    }

    @Test
    void badClientInputIs400NamingTheField() {
        api().body(client("always", null)).put("/v1/clients/has space").then().statusCode(400).body("field", equalTo("clientId"));
        api().body(client("always", null)).put("/v1/clients/" + "x".repeat(65)).then().statusCode(400).body("field", equalTo("clientId"));
        api().body("{\"policy\": \"always\"}").put("/v1/clients/c1").then().statusCode(400).body("field", equalTo("name"));
        api().body("{\"name\": \"X\"}").put("/v1/clients/c1").then().statusCode(400).body("field", equalTo("policy"));
        api().body("{\"name\": \"X\", \"policy\": \"always\", \"timezone\": \"Chicago\"}").put("/v1/clients/c1")
                .then().statusCode(400).body("field", equalTo("timezone"));
        api().body("{\"name\": \"X\", \"policy\": \"always\", \"valuePropositions\": [\"\"]}").put("/v1/clients/c1")
                .then().statusCode(400).body("field", equalTo("valuePropositions[0]"));
        api().body("{\"name\": \"X\", \"policy\": \"always\", \"color\": \"red\"}").put("/v1/clients/c1")
                .then().statusCode(400).body("error", equalTo("unknown_field")).body("field", equalTo("color"));
        api().body("{\"name\": \"X\", ").put("/v1/clients/c1").then().statusCode(400).body("error", equalTo("malformed_json"));
        api().contentType(ContentType.TEXT).body("name=X").put("/v1/clients/c1").then().statusCode(415);
        api().get("/v1/clients/c1").then().statusCode(404);
    }
}
