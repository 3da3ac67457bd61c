package dev.voicemail.integrations;

import static dev.voicemail.integrations.CrmPayloads.JSON;
import static dev.voicemail.integrations.CrmPayloads.decide;
import static dev.voicemail.integrations.CrmPayloads.load;
import static dev.voicemail.integrations.CrmPayloads.tree;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.voicemail.testing.Api;

/**
 * CRM mappings are stored per agency and CRM, versioned (ETag, If-Match) and audited like clients,
 * and checked before they are stored. Run on H2 and on PostgreSQL.
 */
abstract class MappingStoreTests {

    private static final String HUBSPOT = "/v1/integrations/hubspot/mapping";
    private static final String CUSTOM = "0b7d4f2a-5c1e-4e8b-9a3f-1d2c3b4a5e6f";

    private Api.Agency agency;

    @BeforeEach
    void agency() {
        agency = Api.newAgency("map");
    }

    private JsonNode defaults(String crm) {
        return tree(agency.asAdmin().get("/v1/integrations/" + crm + "/mapping").then().statusCode(200).extract().asString());
    }

    private static ObjectNode custom(JsonNode mapping, String label) {
        return CrmPayloads.withValue(mapping, "calls.hs_call_disposition", CUSTOM, JSON.createObjectNode().put("label", label)
                .put("channel", "CALL").put("outcome", "CONNECTED").put("decisionMaker", true));
    }

    @Test
    void theDefaultsAreVersionZeroAndListEveryStandardValue() {
        agency.asCrm().get(HUBSPOT).then().statusCode(200).header("ETag", "\"0\"")
                .body("version", equalTo(0)).body("unknownValues", equalTo("REFUSE")).body("updatedAt", nullValue())
                .body("values.'calls.hs_call_disposition'.size()", equalTo(6))
                .body("values.'calls.hs_call_disposition'.'b2cf5968-551e-4856-9783-52b3da59a7d0'.outcome", equalTo("VOICEMAIL_LEFT"))
                .body("values.'emails.hs_email_status'.BOUNCED.outcome", equalTo("BOUNCED"))
                .body("values.'meetings.hs_meeting_outcome'.COMPLETED.channel", equalTo("VISIT"));
        agency.asCrm().get("/v1/integrations/salesforce/mapping").then().statusCode(200)
                .body("values.'Call.CallType'.Internal.skip", equalTo(true))
                .body("values.'Call.CallDisposition'.'Left Voicemail'.outcome", equalTo("VOICEMAIL_LEFT"));
        agency.asCrm().get("/v1/integrations/close/mapping").then().statusCode(200)
                .body("values.'Call.disposition'.keySet()", equalTo(Set.of("answered", "no-answer", "vm-answer", "vm-left",
                        "busy", "blocked", "error", "abandoned")));
        agency.asAdmin().get(HUBSPOT + "/history").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void onlyAnAdminChangesAMapping() {
        agency.asCrm().body(custom(defaults("hubspot"), "x").toString()).put(HUBSPOT).then().statusCode(403);
        agency.asCrm().get(HUBSPOT).then().statusCode(200).body("version", equalTo(0));
        agency.asCrm().get(HUBSPOT + "/history").then().statusCode(200);
    }

    @Test
    void ifMatchAppliesAChangeOnlyToThatVersionAndEveryChangeIsAudited() {
        JsonNode d = defaults("hubspot");
        agency.asAdmin().header("If-Match", "*").body(custom(d, "v1").toString()).put(HUBSPOT).then().statusCode(412)
                .body("field", equalTo("If-Match"));
        agency.asAdmin().header("If-Match", "\"0\"").body(custom(d, "v1").toString()).put(HUBSPOT).then().statusCode(200)
                .header("ETag", "\"1\"").body("version", equalTo(1))
                .body("values.'calls.hs_call_disposition'.'" + CUSTOM + "'.label", equalTo("v1"));
        agency.asAdmin().header("If-Match", "\"0\"").body(custom(d, "lost").toString()).put(HUBSPOT).then().statusCode(412)
                .body("error", equalTo("precondition_failed"));
        agency.asAdmin().header("If-Match", "garbage").body(custom(d, "lost").toString()).put(HUBSPOT).then().statusCode(412);
        agency.asAdmin().header("If-Match", "W/\"1\"").body(custom(d, "v2").toString()).put(HUBSPOT).then().statusCode(200)
                .header("ETag", "\"2\"");
        agency.asAdmin().header("If-Match", "*").body(custom(d, "v3").toString()).put(HUBSPOT).then().statusCode(200)
                .header("ETag", "\"3\"");
        agency.asCrm().get(HUBSPOT).then().header("ETag", "\"3\"")
                .body("values.'calls.hs_call_disposition'.'" + CUSTOM + "'.label", equalTo("v3"))
                .body("updatedAt", not(nullValue()));

        JsonNode history = tree(agency.asAdmin().get(HUBSPOT + "/history").then().statusCode(200).extract().asString());
        JsonNode items = history.get("items");
        assertEquals(3, items.size(), history.toString());
        assertEquals("REPLACE", items.get(0).get("change").asText());
        assertEquals(2, items.get(0).get("oldVersion").asInt());
        assertEquals("v2", items.get(0).at("/oldMapping/values/calls.hs_call_disposition/" + CUSTOM + "/label").asText());
        assertEquals("v3", items.get(0).at("/newMapping/values/calls.hs_call_disposition/" + CUSTOM + "/label").asText());
        assertEquals(agency.adminId(), items.get(0).get("changedBy").asText());
        assertEquals("CREATE", items.get(2).get("change").asText());
        assertEquals(true, items.get(2).get("oldVersion").isNull());
        assertEquals(true, items.get(2).get("oldMapping").isNull());
        agency.asAdmin().get(HUBSPOT + "/history?size=1&page=1").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].newVersion", equalTo(2));
        agency.asAdmin().get(HUBSPOT + "/history?size=0").then().statusCode(400).body("field", equalTo("size"));
    }

    @Test
    void aMappingThatLeavesAStandardValueUnmappedOrMapsToTheImpossibleIsA422NamingIt() {
        JsonNode d = defaults("hubspot");
        ObjectNode missing = custom(d, "x");
        ((ObjectNode) missing.get("values").get("calls.hs_call_disposition")).remove("17b47fee-58de-441e-a44c-c6300d46f273");
        agency.asAdmin().body(missing.toString()).put(HUBSPOT).then().statusCode(422)
                .body("error", equalTo("unmapped_value"))
                .body("field", equalTo("values.calls.hs_call_disposition.17b47fee-58de-441e-a44c-c6300d46f273"))
                .body("message", containsString("Wrong number"));
        ObjectNode impossible = CrmPayloads.withValue(d, "emails.hs_email_direction", "EMAIL",
                JSON.createObjectNode().put("channel", "EMAIL").put("outcome", "CONNECTED"));
        agency.asAdmin().body(impossible.toString()).put(HUBSPOT).then().statusCode(422)
                .body("field", equalTo("values.emails.hs_email_direction.EMAIL.outcome"))
                .body("message", containsString("CONNECTED is not an outcome of EMAIL"));
        ObjectNode section = custom(d, "x");
        ((ObjectNode) section.get("values")).set("calls.hs_call_dispositon", JSON.createObjectNode());
        agency.asAdmin().body(section.toString()).put(HUBSPOT).then().statusCode(422)
                .body("field", equalTo("values.calls.hs_call_dispositon"))
                .body("message", containsString("did you mean 'calls.hs_call_disposition'"));
        ObjectNode twice = CrmPayloads.withValue(d, "calls.hs_call_status", "busy",
                JSON.createObjectNode().put("channel", "CALL").put("outcome", "NO_ANSWER"));
        agency.asAdmin().body(twice.toString()).put(HUBSPOT).then().statusCode(422).body("message", containsString("same value"));
        ObjectNode skipWithOutcome = CrmPayloads.withValue(d, "calls.hs_call_status", "FAILED",
                JSON.createObjectNode().put("skip", true).put("outcome", "NO_ANSWER"));
        agency.asAdmin().body(skipWithOutcome.toString()).put(HUBSPOT).then().statusCode(422)
                .body("field", equalTo("values.calls.hs_call_status.FAILED"));
        ObjectNode noOutcome = CrmPayloads.withValue(d, "calls.hs_call_status", "FAILED", JSON.createObjectNode().put("channel", "CALL"));
        agency.asAdmin().body(noOutcome.toString()).put(HUBSPOT).then().statusCode(422)
                .body("field", equalTo("values.calls.hs_call_status.FAILED.outcome"));
        ObjectNode badEnum = CrmPayloads.withValue(d, "calls.hs_call_status", "FAILED",
                JSON.createObjectNode().put("channel", "PIGEON").put("outcome", "SENT"));
        agency.asAdmin().body(badEnum.toString()).put(HUBSPOT).then().statusCode(400).body("error", equalTo("invalid_field"));
        agency.asAdmin().body("{\"unknownValues\": \"REFUSE\"}").put(HUBSPOT).then().statusCode(400).body("field", equalTo("values"));
        // Salesforce: the org's own disposition texts may go, the CRM's CallType values may not
        ObjectNode sf = (ObjectNode) defaults("salesforce").deepCopy();
        sf.remove(List.of("crm", "version", "updatedAt"));
        ((ObjectNode) sf.get("values").get("Call.CallDisposition")).remove("Left Message");
        agency.asAdmin().body(sf.toString()).put("/v1/integrations/salesforce/mapping").then().statusCode(200);
        ((ObjectNode) sf.get("values").get("Call.CallType")).remove("Internal");
        agency.asAdmin().body(sf.toString()).put("/v1/integrations/salesforce/mapping").then().statusCode(422)
                .body("field", equalTo("values.Call.CallType.Internal"));
        agency.asAdmin().get(HUBSPOT).then().body("version", equalTo(0));
        agency.asAdmin().get("/v1/integrations/salesforce/mapping").then().body("version", equalTo(1));
    }

    @Test
    void anAgencySeesAndUsesOnlyItsOwnMapping() {
        Api.Agency other = Api.newAgency("map-other");
        String client = Api.unique("c");
        agency.client(client, "only-after-contact");
        other.client(client, "only-after-contact"); // the same client id in both agencies
        agency.asAdmin().body(custom(defaults("hubspot"), "ours").toString()).put(HUBSPOT).then().statusCode(200);

        other.asAdmin().get(HUBSPOT).then().statusCode(200).body("version", equalTo(0))
                .body("values.'calls.hs_call_disposition'", not(hasKey(CUSTOM)));
        other.asAdmin().get(HUBSPOT + "/history").then().statusCode(200).body("items.size()", equalTo(0));
        String body = load("hubspot", "custom-disposition", client);
        decide(agency, "hubspot", body).then().statusCode(200).body("action", equalTo("LEAVE_VOICEMAIL"));
        decide(other, "hubspot", body).then().statusCode(422).body("error", equalTo("unmapped_value"));
        // the other agency's change does not touch ours
        other.asAdmin().header("If-Match", "\"0\"").body(custom(defaults("hubspot"), "theirs").toString()).put(HUBSPOT)
                .then().statusCode(200).header("ETag", "\"1\"");
        agency.asAdmin().get(HUBSPOT).then().body("values.'calls.hs_call_disposition'.'" + CUSTOM + "'.label", equalTo("ours"));
    }

    /**
     * A change holds the whole mapping before and after (up to 1,000 values of 200-character keys and labels, about
     * 0.45 MB of JSON each). A page of 100 such changes (the default size) took more than the packaged service's
     * heap (160 MB: an OutOfMemoryError, a 500); a page past 8,000,000 characters of mappings is now a 413 that
     * says how many changes fit, and that many are answered.
     */
    @Test
    void aHistoryPageOfLargeMappingsIsRefusedSayingHowManyChangesFit() {
        JsonNode d = defaults("hubspot");
        int standard = 0;
        for (JsonNode section : d.get("values")) {
            standard += section.size();
        }
        int changes = 10;
        for (int change = 0; change < changes; change++) {
            ObjectNode body = custom(d, "change " + change);
            ObjectNode section = (ObjectNode) body.get("values").get("calls.hs_call_disposition");
            for (int i = section.size(); i < 1000 - standard + 6; i++) {
                String key = String.format("%03d-%04d-", change, i) + "k".repeat(191);
                section.set(key, JSON.createObjectNode().put("label", ("label " + i + " ").repeat(40).substring(0, 200))
                        .put("channel", "CALL").put("outcome", "NO_ANSWER"));
            }
            agency.asAdmin().body(body.toString()).put(HUBSPOT).then().statusCode(200);
        }
        String message = agency.asAdmin().get(HUBSPOT + "/history").then().statusCode(413)
                .body("error", equalTo("limit_exceeded")).body("field", equalTo("size"))
                .extract().jsonPath().getString("message");
        java.util.regex.Matcher fit = java.util.regex.Pattern.compile("size=(\\d+)").matcher(message);
        org.junit.jupiter.api.Assertions.assertTrue(fit.find(), message);
        int n = Integer.parseInt(fit.group(1));
        org.junit.jupiter.api.Assertions.assertTrue(n >= 4 && n < changes, message);
        agency.asAdmin().get(HUBSPOT + "/history?size=" + n).then().statusCode(200).body("items.size()", equalTo(n))
                .body("items[0].newVersion", equalTo(changes));
        agency.asAdmin().get(HUBSPOT + "/history?size=" + n + "&page=1").then().statusCode(200)
                .body("items.size()", equalTo(Math.min(n, changes - n)));
        agency.asAdmin().get(HUBSPOT + "/history?size=" + (n + 1)).then().statusCode(413);
    }

    /** Without If-Match concurrent replaces are each applied and audited in turn: none is lost unseen. */
    @Test
    void concurrentReplacesAreEachAppliedAndRecorded() throws Exception {
        int writers = 6;
        JsonNode d = defaults("hubspot");
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String label = "writer " + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return agency.asAdmin().body(custom(d, label).toString()).put(HUBSPOT).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> f : futures) {
                assertEquals(200, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        agency.asAdmin().get(HUBSPOT).then().body("version", equalTo(writers));
        List<Integer> versions = agency.asAdmin().get(HUBSPOT + "/history").then().extract().jsonPath()
                .getList("items.newVersion", Integer.class);
        Set<Integer> expected = new HashSet<>();
        for (int v = 1; v <= writers; v++) {
            expected.add(v);
        }
        assertEquals(expected, new HashSet<>(versions));
        assertEquals(writers, versions.size());
    }
}
