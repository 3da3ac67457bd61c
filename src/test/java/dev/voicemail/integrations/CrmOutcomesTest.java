package dev.voicemail.integrations;

import static dev.voicemail.integrations.CrmPayloads.load;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * CRM records as reported outcomes, through the real HTTP API and database: the records that are
 * outcomes are recorded once each (the record id is the event id), attributed to the prospect's decision.
 */
@QuarkusTest
class CrmOutcomesTest {

    /** A decision for the prospect before the records, logged (the log is written off the request path). */
    private static String decided(Api.Agency agency, String client, String prospect) {
        String id = agency.asCrm().body("{\"clientId\": \"" + client + "\", \"prospect\": {\"id\": \"" + prospect + "\"}, "
                + "\"call\": {\"at\": \"2026-11-23T10:35:00-06:00\", \"remainingAttemptsToday\": 0}}")
                .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
        long until = System.nanoTime() + 10_000_000_000L;
        while (agency.asCrm().get("/v1/decisions/" + id).statusCode() != 200) {
            assertTrue(System.nanoTime() < until, "the decision is logged within 10 s");
            Thread.onSpinWait();
        }
        return id;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hubspot    | CALLBACK,CONNECT,REPLY     | 81920375002,81920375002/CONNECT,55010005001         | 4
            salesforce | CALLBACK,CONNECT,OPTED_OUT | 00THs00000Xy15bIAB,00THs00000Xy15bIAB/CONNECT,00THs00000Xy15cIAB | 3
            close      | REPLY,MEETING              | acti_9Tq2mR7f02,acti_9Tq2mR7f03                    | 3
            """)
    void theRecordsThatAreOutcomesAreRecordedOnceAndAttributed(String crm, String kinds, String eventIds, int records) {
        Api.Agency agency = Api.newAgency("crm-out");
        String client = Api.unique("c");
        agency.client(client, "always");
        String prospect = Api.unique("p");
        String decisionId = decided(agency, client, prospect);
        String body = load(crm, "outcomes", client).replace("$prospect", prospect);

        JsonPath first = agency.asCrm().body(body).post("/v1/integrations/" + crm + "/outcomes").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Arrays.asList(kinds.split(",")), first.getList("outcomes.kind"));
        assertEquals(Arrays.asList(eventIds.split(",")), first.getList("outcomes.eventId"));
        List<String> expectedStatus = Collections.nCopies(kinds.split(",").length, "recorded");
        assertEquals(expectedStatus, first.getList("outcomes.status"));
        assertEquals(Collections.nCopies(expectedStatus.size(), decisionId), first.getList("outcomes.decisionId"));
        assertEquals(records, first.getList("readAs").size());

        // the activity stream posted again: every outcome counts once
        JsonPath again = agency.asCrm().body(body).post("/v1/integrations/" + crm + "/outcomes").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Collections.nCopies(expectedStatus.size(), "duplicate"), again.getList("outcomes.status"));
        assertEquals(first.getList("outcomes.decisionId"), again.getList("outcomes.decisionId"));
    }

    @Test
    void badRequestsAreRefusedAndNothingIsRecorded() {
        Api.Agency agency = Api.newAgency("crm-out-bad");
        String client = Api.unique("c");
        agency.client(client, "always");
        String body = load("hubspot", "outcomes", client).replace("$prospect", "p-9");
        agency.asAdmin().body(body).post("/v1/integrations/hubspot/outcomes").then().statusCode(403);
        Api.Agency other = Api.newAgency("crm-out-other");
        other.asCrm().body(body).post("/v1/integrations/hubspot/outcomes").then().statusCode(404)
                .body("message", containsString(client));
        agency.asCrm().body(body.replace("\"id\": \"p-9\"", "\"id\": \"\"")).post("/v1/integrations/hubspot/outcomes")
                .then().statusCode(400).body("field", equalTo("prospect.id"));
        agency.asCrm().body(body.replace("f240bbac-87c9-4f6e-bf70-924b57d47db7", "0b7d4f2a-5c1e-4e8b-9a3f-1d2c3b4a5e6f"))
                .post("/v1/integrations/hubspot/outcomes").then().statusCode(422)
                .body("field", equalTo("history.calls[1].properties.hs_call_disposition"));
        agency.asCrm().body(body.replace("\"2026-11-24T16:00:00Z\"", "\"2026-11-24T16:00:00\""))
                .post("/v1/integrations/hubspot/outcomes").then().statusCode(400)
                .body("field", equalTo("history.calls[1].properties.hs_timestamp"));
        // none of the refused posts recorded anything: the first good one records all three
        agency.asCrm().body(body).post("/v1/integrations/hubspot/outcomes").then().statusCode(200)
                .body("outcomes.status", equalTo(List.of("recorded", "recorded", "recorded")));
    }
}
