package dev.voicemail.clients;

import static dev.voicemail.testing.Api.decision;
import static dev.voicemail.testing.Api.newAgency;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.restassured.response.Response;

/** An agency cannot read, change, audit or decide for another agency's client: it answers as a missing one. */
abstract class TenantIsolationTests {

    private Api.Agency owner;
    private Api.Agency intruder;
    /** An agency with no clients at all: what "missing" looks like. */
    private Api.Agency empty;
    private String clientId;

    @BeforeEach
    void agencies() {
        owner = newAgency("owner");
        intruder = newAgency("intruder");
        empty = newAgency("empty");
        clientId = Api.unique("shared");
        owner.client(clientId, "always");
    }

    private static void sameAnswer(Response missing, Response other) {
        assertEquals(missing.statusCode(), other.statusCode(), other.asString());
        assertEquals(missing.asString(), other.asString());
    }

    @Test
    void anotherAgencysClientReadsExactlyAsAMissingOne() {
        Response other = intruder.asAdmin().get("/v1/clients/" + clientId);
        assertEquals(404, other.statusCode());
        sameAnswer(empty.asAdmin().get("/v1/clients/" + clientId), other);
        sameAnswer(empty.asAdmin().get("/v1/clients/" + clientId + "/history"),
                intruder.asAdmin().get("/v1/clients/" + clientId + "/history"));
        intruder.asAdmin().get("/v1/clients").then().statusCode(200).body("items.id", not(hasItem(clientId)));
        owner.asAdmin().get("/v1/clients").then().statusCode(200).body("items.id", hasItem(clientId));
    }

    @Test
    void anotherAgencyCannotDecideForTheClient() {
        owner.asCrm().body(decision(clientId)).post("/v1/decisions").then().statusCode(200)
                .body("action", equalTo("LEAVE_VOICEMAIL"));
        Response other = intruder.asCrm().body(decision(clientId)).post("/v1/decisions");
        assertEquals(404, other.statusCode());
        sameAnswer(empty.asCrm().body(decision(clientId)).post("/v1/decisions"), other);
        intruder.asCrm().body(Map.of("requests", List.of(decision(clientId)))).post("/v1/decisions/batch")
                .then().statusCode(200).body("results[0].status", equalTo(404));
    }

    @Test
    void anotherAgencyCannotChangeOrDeleteTheClient() {
        sameAnswer(empty.asAdmin().delete("/v1/clients/" + clientId), intruder.asAdmin().delete("/v1/clients/" + clientId));
        sameAnswer(empty.asAdmin().header("If-Match", "\"1\"").body(Map.of("name", "Hijack", "policy", "never"))
                        .put("/v1/clients/" + clientId),
                intruder.asAdmin().header("If-Match", "\"1\"").body(Map.of("name", "Hijack", "policy", "never"))
                        .put("/v1/clients/" + clientId));
        // the owner's client is untouched
        owner.asAdmin().get("/v1/clients/" + clientId).then().statusCode(200)
                .body("policy", equalTo("always")).body("version", equalTo(1));
    }

    @Test
    void clientIdsAreUniquePerAgencyNotGlobally() {
        intruder.asAdmin().body(Map.of("name", "Their own", "policy", "never")).put("/v1/clients/" + clientId)
                .then().statusCode(201).body("version", equalTo(1));
        intruder.asCrm().body(decision(clientId)).post("/v1/decisions").then().statusCode(200)
                .body("action", equalTo("HANG_UP"));
        owner.asCrm().body(decision(clientId)).post("/v1/decisions").then().statusCode(200)
                .body("action", equalTo("LEAVE_VOICEMAIL"));
        owner.asAdmin().get("/v1/clients/" + clientId).then().body("name", equalTo("Client " + clientId));
        owner.asAdmin().get("/v1/clients/" + clientId + "/history").then().body("items.size()", equalTo(1));
    }
}
