package dev.voicemail.integrations;

import static dev.voicemail.integrations.CrmPayloads.JSON;
import static dev.voicemail.integrations.CrmPayloads.decide;
import static dev.voicemail.integrations.CrmPayloads.decisionOf;
import static dev.voicemail.integrations.CrmPayloads.load;
import static dev.voicemail.integrations.CrmPayloads.nativeDecision;
import static dev.voicemail.integrations.CrmPayloads.tree;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.voicemail.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Decisions from each CRM's own records, through the real HTTP API, DRL and database: the translated
 * decision is the native one for the same history, custom values map after a PUT, and every bad record
 * is a 4xx naming the record and the field.
 */
@QuarkusTest
class CrmDecisionsTest {

    /** Each CRM's history payload against the native request with the same history, under policies that read different facts. */
    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hubspot    | only-after-contact
            hubspot    | multichannel
            hubspot    | cadence
            hubspot    | always
            salesforce | only-after-contact
            salesforce | multichannel
            salesforce | cadence
            salesforce | always
            close      | only-after-contact
            close      | multichannel
            close      | cadence
            close      | always
            """)
    void theTranslatedDecisionIsTheNativeOne(String crm, String policy) {
        Api.Agency agency = Api.newAgency("crm-" + crm);
        String client = Api.unique("c");
        agency.client(client, policy);
        String translated = decide(agency, crm, load(crm, "history", client)).then().statusCode(200).extract().asString();
        String expected = nativeDecision(agency, load(crm, "history.native", client)).then().statusCode(200).extract().asString();
        assertEquals(decisionOf(expected), decisionOf(translated), "the whole answer but decisionId");
        assertTrue(tree(translated).path("decisionId").asText().length() > 30, "the decision is logged: " + translated);
    }

    @Test
    void readAsSaysWhatEachHubSpotRecordWasReadAs() {
        Api.Agency agency = Api.newAgency("crm-readas");
        String client = Api.unique("c");
        agency.client(client, "always");
        JsonNode readAs = tree(decide(agency, "hubspot", load("hubspot", "history", client)).then().statusCode(200)
                .extract().asString()).get("readAs");
        assertEquals(8, readAs.size(), readAs.toString());
        // calls first, in request order, then emails and meetings
        assertEquals("81920374600", readAs.get(0).get("recordId").asText());
        assertEquals("calls.hs_call_disposition=73a0d17f-1163-4015-bdd5-ec830791da20", readAs.get(0).get("from").asText());
        assertEquals("NO_ANSWER", readAs.get(0).get("outcome").asText());
        // an epoch-millisecond string, as HubSpot's workflows send it, reads as the same instant as ISO
        assertEquals("2026-11-18T14:30:00Z", readAs.get(1).get("at").asText());
        assertEquals("VOICEMAIL_LEFT", readAs.get(1).get("outcome").asText());
        assertTrue(readAs.get(2).get("skipped").asText().contains("calls.hs_call_status=FAILED"), readAs.get(2).toString());
        assertEquals("INBOUND", readAs.get(3).get("direction").asText(), "a missed call keeps the record's direction");
        assertEquals("BOUNCED", readAs.get(5).get("outcome").asText(), "a bounce is read from hs_email_status");
        assertEquals("history.meetings[0]", readAs.get(6).get("record").asText());
        assertEquals("PLANNED", readAs.get(6).get("outcome").asText());
        assertTrue(readAs.get(7).has("skipped"));
    }

    @Test
    void aSalesforceActivityDateIsTheStartOfThatDayInTheProspectsZone() {
        Api.Agency agency = Api.newAgency("crm-sf");
        String client = Api.unique("c");
        agency.client(client, "always");
        JsonNode readAs = tree(decide(agency, "salesforce", load("salesforce", "history", client)).then().statusCode(200)
                .extract().asString()).get("readAs");
        assertEquals("00THs00000Xy12fIAB", readAs.get(5).get("recordId").asText());
        assertEquals("2026-11-19T06:00:00Z", readAs.get(5).get("at").asText(), "00:00 in America/Chicago");
        assertTrue(readAs.get(3).get("skipped").asText().contains("TaskSubtype=Task"), readAs.get(3).toString());
        assertTrue(readAs.get(4).get("skipped").asText().contains("Call.CallType=Internal"), readAs.get(4).toString());
    }

    /** A value the agency's CRM has but the defaults do not: 422 naming it, then mapped after a PUT. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hubspot    | calls.hs_call_disposition | 0b7d4f2a-5c1e-4e8b-9a3f-1d2c3b4a5e6f | 81920374652        | history.calls[0].properties.hs_call_disposition
            salesforce | Call.CallDisposition      | Spoke w/ Decision Maker              | 00THs00000Xy13aIAB | history.records[0].CallDisposition
            close      | Call.disposition          | answered-dm                          | acti_9Tq2mR7d01    | history.data[0].disposition
            """)
    void customValuesMapAfterAPut(String crm, String section, String value, String recordId, String field) {
        Api.Agency agency = Api.newAgency("crm-custom");
        String client = Api.unique("c");
        agency.client(client, "only-after-contact");
        String body = load(crm, "custom-disposition", client);
        decide(agency, crm, body).then().statusCode(422)
                .body("error", equalTo("unmapped_value"))
                .body("field", equalTo(field))
                .body("message", allOf(containsString(recordId), containsString(value),
                        containsString("values." + section), containsString("PUT /v1/integrations/" + crm + "/mapping")))
                .body("details.recordId", equalTo(recordId))
                .body("details.value", equalTo(value))
                .body("details.section", equalTo(section));

        JsonNode mapping = tree(agency.asAdmin().get("/v1/integrations/" + crm + "/mapping").then().statusCode(200)
                .header("ETag", "\"0\"").extract().asString());
        ObjectNode target = JSON.createObjectNode().put("label", "Spoke with the owner").put("channel", "CALL")
                .put("outcome", "CONNECTED").put("decisionMaker", true);
        agency.asAdmin().header("If-Match", "\"0\"").body(CrmPayloads.withValue(mapping, section, value, target).toString())
                .put("/v1/integrations/" + crm + "/mapping").then().statusCode(200).header("ETag", "\"1\"");

        String translated = decide(agency, crm, body).then().statusCode(200)
                .body("action", equalTo("LEAVE_VOICEMAIL"))
                .body("readAs[0].from", equalTo(section + "=" + value))
                .body("readAs[0].decisionMaker", equalTo(true))
                .extract().asString();
        String expected = nativeDecision(agency, load(crm, "custom-disposition.native", client)).then().statusCode(200)
                .extract().asString();
        assertEquals(decisionOf(expected), decisionOf(translated));
    }

    @Test
    void aMappingThatSkipsUnknownValuesReportsTheRecordAsSkipped() {
        Api.Agency agency = Api.newAgency("crm-skip");
        String client = Api.unique("c");
        agency.client(client, "always");
        ObjectNode mapping = (ObjectNode) tree(agency.asAdmin().get("/v1/integrations/hubspot/mapping").then().extract().asString());
        mapping.put("unknownValues", "SKIP");
        mapping.remove(List.of("crm", "version", "updatedAt"));
        agency.asAdmin().body(mapping.toString()).put("/v1/integrations/hubspot/mapping").then().statusCode(200)
                .body("unknownValues", equalTo("SKIP"));
        String translated = decide(agency, "hubspot", load("hubspot", "custom-disposition", client)).then().statusCode(200)
                .body("readAs[0].recordId", equalTo("81920374652"))
                .body("readAs[0].skipped", containsString("0b7d4f2a-5c1e-4e8b-9a3f-1d2c3b4a5e6f"))
                .body("readAs[0].outcome", org.hamcrest.Matchers.nullValue())
                .extract().asString();
        // the same call without any history
        ObjectNode empty = (ObjectNode) tree(load("hubspot", "custom-disposition.native", client));
        empty.remove("attempts");
        assertEquals(decisionOf(nativeDecision(agency, empty.toString()).then().statusCode(200).extract().asString()),
                decisionOf(translated));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', textBlock = """
            hubspot    | error-timestamp-number         | 81920374701        | history.calls[1].properties.hs_timestamp        | must be a string, not a number
            hubspot    | error-timestamp-missing        | 81920374702        | history.calls[1].properties.hs_timestamp        | hs_timestamp is required
            hubspot    | error-timestamp-no-offset      | 81920374703        | history.calls[1].properties.hs_timestamp        | has no time zone offset
            hubspot    | error-timestamp-epoch-seconds  | 81920374704        | history.calls[1].properties.hs_timestamp        | not seconds
            hubspot    | error-disposition-number       | 81920374705        | history.calls[1].properties.hs_call_disposition | must be a string, not a number
            hubspot    | error-direction-unknown        | 81920374706        | history.calls[1].properties.hs_call_direction   | not one of INBOUND, OUTBOUND
            hubspot    | error-later-than-call          | 81920374707        | history.calls[1].properties.hs_timestamp        | later than call.at
            hubspot    | error-no-status                | 81920374708        | history.calls[1].properties.hs_call_disposition | hs_call_disposition or hs_call_status
            salesforce | error-duration-string          | 00THs00000Xy14bIAB | history.records[1].CallDurationInSeconds        | must be a whole number, not a string
            salesforce | error-created-no-offset        | 00THs00000Xy14cIAB | history.records[1].CreatedDate                  | has no time zone offset
            salesforce | error-no-dates                 | 00THs00000Xy14dIAB | history.records[1].CreatedDate                  | CreatedDate (or at least ActivityDate) is required
            salesforce | error-not-a-task               | 00THs00000Xy14eIAB | history.records[1].attributes.type              | only Task records
            salesforce | error-activity-date-bad        | 00THs00000Xy14fIAB | history.records[1].ActivityDate                 | is not a date
            salesforce | error-call-without-disposition | 00THs00000Xy14gIAB | history.records[1].CallDisposition              | CallDisposition is required
            close      | error-date-missing             | acti_9Tq2mR7e01    | history.data[1].date_created                    | date_created is required
            close      | error-disposition-number       | acti_9Tq2mR7e02    | history.data[1].disposition                     | must be a string, not a number
            close      | error-date-no-offset           | acti_9Tq2mR7e03    | history.data[1].date_created                    | has no time zone offset
            close      | error-id-number                | history.data[1]    | history.data[1].id                              | id must be a string
            """)
    void aBadRecordIsA400NamingTheRecordAndTheField(String crm, String payload, String record, String field, String problem) {
        Api.Agency agency = Api.newAgency("crm-bad");
        String client = Api.unique("c");
        agency.client(client, "always");
        decide(agency, crm, load(crm, payload, client)).then().statusCode(400)
                .body("field", equalTo(field))
                .body("message", allOf(containsString(record), containsString(problem)));
    }

    @Test
    void anUnknownCrmIsA404NamingTheKnownOnes() {
        Api.Agency agency = Api.newAgency("crm-404");
        agency.asCrm().body("{}").post("/v1/integrations/pipedrive/decisions").then().statusCode(404)
                .body("message", containsString("hubspot, salesforce, close"))
                .body("details.knownCrms", equalTo(List.of("hubspot", "salesforce", "close")));
        agency.asAdmin().get("/v1/integrations/hubspt/mapping").then().statusCode(404)
                .body("message", containsString("did you mean 'hubspot'"));
        agency.asCrm().body("{\"requests\": []}").post("/v1/integrations/HubSpot/decisions/batch").then().statusCode(404);
    }

    @Test
    void theHistoryHasTheCrmsShape() {
        Api.Agency agency = Api.newAgency("crm-shape");
        String client = Api.unique("c");
        agency.client(client, "always");
        String base = "{\"clientId\": \"" + client + "\", \"prospect\": {\"id\": \"p-1\"}, \"call\": {\"at\": \"2026-11-23T10:35:00-06:00\"}, ";
        decide(agency, "hubspot", base + "\"history\": {\"calls\": [], \"notes\": []}}").then().statusCode(400)
                .body("field", equalTo("history.notes"));
        decide(agency, "hubspot", base + "\"history\": {\"cals\": []}}").then().statusCode(400)
                .body("message", containsString("did you mean 'calls'"));
        decide(agency, "salesforce", base + "\"history\": [1]}").then().statusCode(400).body("field", equalTo("history"));
        decide(agency, "close", base + "\"history\": {\"data\": {}}}").then().statusCode(400).body("field", equalTo("history.data"));
        decide(agency, "close", base + "\"history\": {\"data\": [\"acti_1\"]}}").then().statusCode(400)
                .body("field", equalTo("history.data[0]"));
        decide(agency, "close", base + "\"attempts\": []}").then().statusCode(400).body("error", equalTo("unknown_field"));
        // no history: decided as a first call
        decide(agency, "close", base + "\"history\": null}").then().statusCode(200).body("readAs.size()", equalTo(0));
        decide(agency, "close", base.replace(client, "no-such-client") + "\"history\": {\"data\": []}}").then().statusCode(404);
    }

    /** What an attacker sends: nesting, a record of endless fields, a huge string, more records than attempts allowed. */
    @Test
    void oversizedAndDeeplyNestedRecordsAreRefused() {
        Api.Agency agency = Api.newAgency("crm-attack");
        String client = Api.unique("c");
        agency.client(client, "always");
        String head = "{\"clientId\": \"" + client + "\", \"prospect\": {\"id\": \"p-1\"}, \"history\": {\"calls\": [";
        String nested = "[".repeat(5000) + "]".repeat(5000);
        decide(agency, "hubspot", head + "{\"id\": \"1\", \"properties\": {\"x\": " + nested + "}}]}}").then().statusCode(413)
                .body("error", equalTo("limit_exceeded"));
        StringBuilder wide = new StringBuilder("{\"hs_timestamp\": \"2026-11-18T14:10:00Z\"");
        for (int i = 0; i < 1500; i++) {
            wide.append(", \"p").append(i).append("\": \"v\"");
        }
        wide.append('}');
        decide(agency, "hubspot", head + "{\"id\": \"1\", \"properties\": " + wide + "}]}}").then().statusCode(413)
                .body("field", equalTo("history.calls[0].properties"));
        decide(agency, "hubspot", head + "{\"id\": \"1\", \"properties\": {\"hs_call_title\": \"" + "x".repeat(200_000) + "\"}}]}}")
                .then().statusCode(413);
        decide(agency, "hubspot", head + "{\"id\": \"" + "9".repeat(500) + "\", \"properties\": {}}]}}").then().statusCode(400)
                .body("field", equalTo("history.calls[0].id"));
        StringBuilder many = new StringBuilder(head);
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\": \"").append(i).append("\", \"properties\": {\"hs_timestamp\": \"2026-11-18T14:10:00Z\", \"hs_call_status\": \"BUSY\"}}");
        }
        decide(agency, "hubspot", many + "]}}").then().statusCode(413).body("field", equalTo("history.calls"));
    }

    @Test
    void aBatchAnswersEachItemAsItsOwnRequest() {
        Api.Agency agency = Api.newAgency("crm-batch");
        String client = Api.unique("c");
        agency.client(client, "multichannel");
        String good = load("hubspot", "history", client);
        String unknown = load("hubspot", "custom-disposition", client);
        // an item over the 1 MB an item may take (twelve strings just under the 100,000 characters a string may have)
        StringBuilder huge = new StringBuilder("{\"clientId\": \"" + client + "\", \"prospect\": {\"id\": \"p-2\"}, "
                + "\"history\": {\"calls\": [{\"id\": \"1\", \"properties\": {\"hs_timestamp\": \"2026-11-18T14:10:00Z\"");
        for (int i = 0; i < 12; i++) {
            huge.append(", \"p").append(i).append("\": \"").append("y".repeat(99_000)).append('"');
        }
        huge.append("}}]}}");
        JsonNode results = tree(agency.asCrm().body("{\"requests\": [" + good + "," + unknown + "," + huge + "]}")
                .post("/v1/integrations/hubspot/decisions/batch").then().statusCode(200).extract().asString()).get("results");
        assertEquals(3, results.size());
        String single = decide(agency, "hubspot", good).then().statusCode(200).extract().asString();
        assertEquals(decisionOf(single), decisionOf(results.get(0).toString()));
        assertEquals(tree(single).get("readAs"), results.get(0).get("readAs"));
        assertEquals(422, results.get(1).get("status").asInt());
        assertEquals("history.calls[0].properties.hs_call_disposition", results.get(1).get("field").asText());
        assertEquals(413, results.get(2).get("status").asInt(), results.get(2).toString());
    }

    @Test
    void onlyACrmKeyDecides() {
        Api.Agency agency = Api.newAgency("crm-roles");
        String client = Api.unique("c");
        agency.client(client, "always");
        agency.asAdmin().body(load("close", "history", client)).post("/v1/integrations/close/decisions").then().statusCode(403);
        Api.as("vmk_0123456789abcdef.nope").body(load("close", "history", client)).post("/v1/integrations/close/decisions")
                .then().statusCode(401);
        // another agency's crm key does not reach this agency's client
        Api.Agency other = Api.newAgency("crm-roles-other");
        decide(other, "close", load("close", "history", client)).then().statusCode(404);
    }
}
