package dev.voicemail.decisionlog;

import static dev.voicemail.testing.Api.newAgency;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.facts.Action;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.facts.Reason;
import dev.voicemail.facts.Sequence;
import dev.voicemail.testing.Api;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The decision log through the HTTP API and the real database (H2 and PostgreSQL subclasses). */
abstract class DecisionLogTests {

    static final String UUID7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Inject
    DecisionLogMaintenance maintenance;
    @Inject
    DecisionLogRepository repository;
    @Inject
    dev.voicemail.decision.DecisionService service;
    @Inject
    dev.voicemail.decision.RequestReader reader;
    @Inject
    dev.voicemail.clients.ClientDirectory clients;
    @Inject
    dev.voicemail.rules.RulesRegistry rules;
    @Inject
    dev.voicemail.db.Database db;
    @Inject
    DecidingBuild build;

    private Api.Agency agency;
    private String always;
    private String never;

    @BeforeEach
    void agency() {
        agency = newAgency("log");
        always = Api.unique("always");
        never = Api.unique("never");
        agency.client(always, "always");
        agency.client(never, "never");
    }

    static Map<String, Object> request(String clientId, String prospect, int remaining) {
        return Map.of("clientId", clientId, "prospect", Map.of("id", prospect),
                "call", Map.of("at", "2026-11-23T10:35:00-06:00", "remainingAttemptsToday", remaining),
                "attempts", List.of(Map.of("at", "2026-11-20T09:00:00-06:00", "channel", "CALL", "outcome", "NO_ANSWER")));
    }

    static String decide(Api.Agency agency, Map<String, Object> request) {
        return agency.asCrm().body(request).post("/v1/decisions").then().statusCode(200)
                .body("decisionId", matchesPattern(UUID7)).extract().path("decisionId");
    }

    /** The entry, once the writer has written it (async mode: within a moment). */
    static JsonPath logged(Api.Agency agency, String id) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Response r = agency.asCrm().get("/v1/decisions/" + id);
            if (r.statusCode() == 200) {
                return r.jsonPath();
            }
            assertEquals(404, r.statusCode(), r.asString());
            assertTrue(System.nanoTime() < deadline, "decision " + id + " was not logged within 10 s");
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyAnswerSingleOrBatchCarriesItsOwnTimeOrderedId() {
        String first = decide(agency, request(always, "p-1", 0));
        List<String> batch = agency.asCrm().body(Map.of("requests", List.of(request(always, "p-2", 0), request(never, "p-3", 0),
                        Map.of("clientId", "nobody-" + UUID.randomUUID(), "prospect", Map.of("id", "x")))))
                .post("/v1/decisions/batch").then().statusCode(200)
                .body("results[0].decisionId", matchesPattern(UUID7)).body("results[1].decisionId", matchesPattern(UUID7))
                .body("results[2].status", equalTo(404)).body("results[2].decisionId", nullValue())
                .extract().jsonPath().getList("results.decisionId");
        Set<String> ids = new HashSet<>(List.of(first, batch.get(0), batch.get(1)));
        assertEquals(3, ids.size());
        assertTrue(first.compareTo(batch.get(0)) < 0 && first.compareTo(batch.get(1)) < 0, "ids are time-ordered");
        // every one of them recorded, the batch items too
        logged(agency, batch.get(0)).getString("clientId").equals(always);
        assertEquals(never, logged(agency, batch.get(1)).getString("clientId"));
    }

    @Test
    void anEntryHoldsTheDecisionTheValidatedRequestAndTheAnswer() {
        Map<String, Object> sent = Map.of("clientId", always, "prospect", Map.of("id", "p-42", "timezone", "Europe/Paris"),
                "call", Map.of("remainingAttemptsToday", 0, "rep", Map.of("name", "Ann", "phone", "+1 312-555-0142")),
                "attempts", List.of(Map.of("at", "2026-01-05T09:00:00+01:00", "channel", "EMAIL", "outcome", "SENT")));
        Instant before = Instant.now();
        Response answer = agency.asCrm().body(sent).post("/v1/decisions");
        answer.then().statusCode(200);
        String id = answer.path("decisionId");
        JsonPath e = logged(agency, id);
        assertEquals(id, e.getString("decisionId"));
        assertEquals(always, e.getString("clientId"));
        assertEquals("p-42", e.getString("prospectId"));
        assertEquals("always", e.getString("policy"));
        assertEquals(answer.path("rulesVersion"), e.getString("rulesVersion"));
        assertEquals(answer.path("action"), e.getString("action"));
        assertEquals(answer.path("next.sequence"), e.getString("sequence"));
        assertEquals(answer.jsonPath().getList("reasons.rule"), e.getList("reasonRules"));
        assertEquals(answer.jsonPath().getMap("next"), e.getMap("next"));
        // the answer exactly as the CRM received it
        assertEquals(answer.jsonPath().getMap(""), e.getMap("answer"));
        // the request as validated: the call's time the service chose is explicit, so a replay decides the same input
        Instant at = Instant.parse(e.getString("request.call.at"));
        assertFalse(at.isBefore(before.minusSeconds(1)), "call.at is the time of the decision");
        assertEquals("Europe/Paris", e.getString("request.prospect.timezone"));
        assertEquals("Ann", e.getString("request.call.rep.name"));
        assertEquals("2026-01-05T08:00:00Z", e.getString("request.attempts[0].at"));
        assertEquals("EMAIL", e.getString("request.attempts[0].channel"));
        assertEquals("OUTBOUND", e.getString("request.attempts[0].direction"));
    }

    @Test
    void theRequestIsKeptInItsCompactFormAndRowsOfTheOlderFormsReadTheSame() throws Exception {
        Map<String, Object> sent = Map.of("clientId", always, "prospect", Map.of("id", "p-old", "timezone", "America/Chicago"),
                "call", Map.of("at", "2026-11-23T10:35:00.123456789-06:00", "remainingAttemptsToday", 2,
                        "rep", Map.of("name", "Ann")),
                "attempts", List.of(Map.of("at", "2026-11-20T09:00:00-06:00", "channel", "CALL", "outcome", "VOICEMAIL_LEFT"),
                        Map.of("at", "2026-11-19T09:00:00.5Z", "channel", "EMAIL", "outcome", "REPLIED", "direction", "INBOUND",
                                "decisionMaker", true)));
        String id = decide(agency, sent);
        JsonPath entry = logged(agency, id);
        Map<String, Object> request = entry.getMap("request");
        assertEquals("2026-11-23T16:35:00.123456789Z", entry.getString("request.call.at"));
        assertEquals("2026-11-19T09:00:00.500Z", entry.getString("request.attempts[0].at"));
        String before = agency.asCrm().post("/v1/decisions/" + id + "/replay").then().statusCode(200)
                .body("changed", equalTo(false)).extract().path("replayed.action").toString();
        UUID uuid = UUID.fromString(id);
        String compact;
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT request FROM decision_log WHERE id = ?")) {
            s.setObject(1, uuid);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                compact = rs.getString(1);
                assertTrue(compact.startsWith("smile2:"), "the compact form, not JSON: " + compact);
            }
        }
        // as a row logged in the first compact form (attempts as a Smile array), then as one logged before it (JSON)
        for (String older : List.of("smile1:" + java.util.Base64.getEncoder().encodeToString(LoggedInputTest.format1(LoggedInput.fromText(compact))),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(request))) {
            try (Connection c = db.connection();
                 PreparedStatement s = c.prepareStatement("UPDATE decision_log SET request = ? WHERE id = ?")) {
                s.setString(1, older);
                s.setObject(2, uuid);
                assertEquals(1, s.executeUpdate());
            }
            assertEquals(request, agency.asCrm().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath().getMap("request"),
                    older);
            agency.asCrm().post("/v1/decisions/" + id + "/replay").then().statusCode(200)
                    .body("changed", equalTo(false)).body("replayed.action", equalTo(before));
        }
    }

    @Test
    void listingPagesNewestFirstWithEveryFilter() {
        List<String> ids = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < 5; i++) {
            ids.add(decide(agency, request(always, "p-" + (i % 2), 0))); // LEAVE_VOICEMAIL
        }
        ids.add(decide(agency, request(always, "p-0", 3)));             // HANG_UP: waits for the last attempt
        ids.add(decide(agency, request(never, "p-0", 0)));              // HANG_UP
        logged(agency, ids.get(ids.size() - 1));
        for (String id : ids) {
            logged(agency, id);
        }
        Instant end = Instant.now().plusMillis(5);

        // paging: limit 2, following the cursor, newest first, nothing twice or missing
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var spec = agency.asCrm().queryParam("limit", 2);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.get("/v1/decisions").then().statusCode(200).extract().jsonPath();
            assertTrue(page.getList("items").size() <= 2);
            seen.addAll(page.getList("items.decisionId"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        assertEquals(4, pages);

        assertEquals(List.of(ids.get(6)), list("clientId", never));
        assertEquals(newestFirst.subList(1, 7), list("clientId", always));
        assertEquals(List.of(ids.get(6), ids.get(5), ids.get(4), ids.get(2), ids.get(0)), list("prospectId", "p-0"));
        assertEquals(List.of(ids.get(5), ids.get(4), ids.get(2), ids.get(0)),
                agency.asCrm().queryParam("clientId", always).queryParam("prospectId", "p-0").get("/v1/decisions")
                        .then().statusCode(200).extract().jsonPath().getList("items.decisionId"));
        assertEquals(List.of(ids.get(6), ids.get(5)), list("action", "HANG_UP"));
        assertEquals(newestFirst.subList(2, 7), list("action", "LEAVE_VOICEMAIL"));
        // the window: [from, to)
        String third = ids.get(2);
        Instant thirdAt = Instant.parse(logged(agency, third).getString("decidedAt"));
        List<String> fromThird = agency.asCrm().queryParam("from", thirdAt.toString()).queryParam("to", end.toString())
                .get("/v1/decisions").then().statusCode(200).extract().jsonPath().getList("items.decisionId");
        assertEquals(newestFirst.subList(0, 5), fromThird);
        List<String> beforeThird = agency.asCrm().queryParam("from", start.minusSeconds(1).toString())
                .queryParam("to", thirdAt.toString()).get("/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("items.decisionId");
        assertEquals(List.of(ids.get(1), ids.get(0)), beforeThird);
        // an admin key of the agency reads too
        agency.asAdmin().get("/v1/decisions").then().statusCode(200).body("items.decisionId", hasItem(ids.get(0)));
    }

    private List<String> list(String filter, String value) {
        return agency.asCrm().queryParam(filter, value).get("/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("items.decisionId");
    }

    @Test
    void badFiltersAre400sNamingTheField() {
        Map<String, String> bad = Map.of("clientId", "no/slash", "prospectId", "x".repeat(129), "from", "yesterday",
                "to", "2026-13-01T00:00:00Z", "action", "VOICEMAIL", "limit", "501", "cursor", "not-a-cursor");
        bad.forEach((field, value) -> agency.asCrm().queryParam(field, value).get("/v1/decisions").then()
                .statusCode(400).body("field", equalTo(field)));
        agency.asCrm().queryParam("limit", "0").get("/v1/decisions").then().statusCode(400).body("field", equalTo("limit"));
        agency.asCrm().queryParam("limit", "ten").get("/v1/decisions").then().statusCode(400).body("field", equalTo("limit"));
        agency.asCrm().queryParam("from", "2026-11-02T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/v1/decisions").then().statusCode(400).body("field", equalTo("to"));
        // a misspelt filter must not silently list everything
        agency.asCrm().queryParam("clientID", always).get("/v1/decisions").then().statusCode(400)
                .body("error", equalTo("unknown_parameter")).body("field", equalTo("clientID"));
        agency.asCrm().get("/v1/decisions/not-an-id").then().statusCode(404);
        agency.asCrm().get("/v1/decisions/" + UUID.randomUUID()).then().statusCode(404); // a v4 id is no decision of ours
        agency.asCrm().get("/v1/decisions/batch").then().statusCode(405); // the batch endpoint, not an id
    }

    /**
     * A time that parses (ISO-8601 reaches years -999999999 to +999999999 with offsets up to 18 hours) but has no
     * instant in UTC at the range's ends: before, the list and impact answered 500 when the database was asked.
     */
    @Test
    void timesThatParseButLieBeyondWhatUtcHoldsAre400sNamingTheField() throws Exception {
        // no time in UTC; then times UTC holds but PostgreSQL does not (before 4713 BC), and the first past year 9999
        List<String> beyond = List.of("-999999999-01-01T00:00:00+18:00", "+999999999-12-31T23:59:59-18:00",
                "-999999999-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z");
        String drl = Files.readString(Path.of("rules/policies/always.drl"));
        for (String time : beyond) {
            for (String field : List.of("from", "to")) {
                agency.asCrm().queryParam(field, time).get("/v1/decisions").then().statusCode(400)
                        .body("error", equalTo("invalid_request")).body("field", equalTo(field));
                Api.as(Api.operatorAuthor()).body(Map.of("files", Map.of("policies/always.drl", drl), field, time))
                        .post("/v1/rules/impact").then().statusCode(400)
                        .body("error", equalTo("invalid_request")).body("field", equalTo(field));
            }
        }
        // the widest times a query may name still list
        agency.asCrm().queryParam("from", "0001-01-01T00:00:00Z").queryParam("to", "9999-12-31T23:59:59Z")
                .get("/v1/decisions").then().statusCode(200);
    }

    @Test
    void anAgencySeesOnlyItsOwnDecisions() {
        Api.Agency other = newAgency("log-other");
        other.client(always, "never"); // the same client id in the other agency
        String mine = decide(agency, request(always, "p-1", 0));
        String theirs = decide(other, request(always, "p-1", 0));
        logged(agency, mine);
        logged(other, theirs);
        Response missing = other.asCrm().get("/v1/decisions/" + DecisionIds.next());
        Response foreign = other.asCrm().get("/v1/decisions/" + mine);
        assertEquals(404, foreign.statusCode());
        assertEquals(missing.asString().replaceAll(UUID7, "ID"), foreign.asString().replaceAll(UUID7, "ID"));
        other.asCrm().post("/v1/decisions/" + mine + "/replay").then().statusCode(404);
        other.asCrm().queryParam("clientId", always).get("/v1/decisions").then().statusCode(200)
                .body("items.decisionId", equalTo(List.of(theirs)));
        agency.asCrm().queryParam("clientId", always).get("/v1/decisions").then().statusCode(200)
                .body("items.decisionId", equalTo(List.of(mine)));
        // erasing "the same" prospect in the other agency erases nothing here
        other.asAdmin().delete("/v1/clients/" + always + "/prospects/p-1").then().statusCode(204).header("Decisions-Erased", "1");
        logged(agency, mine);
    }

    @Test
    void replayDecidesTheLoggedRequestAgainUnderTodaysPolicy() {
        String id = decide(agency, request(always, "p-1", 0));
        logged(agency, id);
        agency.asCrm().post("/v1/decisions/" + id + "/replay").then().statusCode(200)
                .body("changed", equalTo(false)).body("differences", equalTo(List.of()))
                .body("replayed.action", equalTo("LEAVE_VOICEMAIL")).body("logged.decisionId", equalTo(id));
        // the agency moves the client to another policy: the same request now hangs up
        agency.asAdmin().body(Map.of("name", "Client", "policy", "never")).put("/v1/clients/" + always).then().statusCode(200);
        JsonPath replay = agency.asCrm().post("/v1/decisions/" + id + "/replay").then().statusCode(200)
                .body("changed", equalTo(true)).body("replayed.action", equalTo("HANG_UP"))
                .body("replayed.decisionId", nullValue()).extract().jsonPath();
        Map<String, Map<String, Object>> byField = new HashMap<>();
        for (Map<String, Object> d : replay.<Map<String, Object>>getList("differences")) {
            byField.put((String) d.get("field"), d);
        }
        assertEquals(Set.of("policy", "action", "message.kind", "reasons"), byField.keySet());
        assertEquals("LEAVE_VOICEMAIL", byField.get("action").get("logged"));
        assertEquals("HANG_UP", byField.get("action").get("replayed"));
        assertEquals("always", byField.get("policy").get("logged"));
        assertEquals("never", byField.get("policy").get("replayed"));
        assertEquals("STANDARD", byField.get("message.kind").get("logged"));
        assertEquals(null, byField.get("message.kind").get("replayed"));
        assertTrue(byField.get("reasons").get("logged") instanceof String logged && !logged.isEmpty()
                && !logged.equals(byField.get("reasons").get("replayed")), byField.get("reasons").toString());
        // a replay is not a decision: nothing new is logged
        agency.asCrm().queryParam("clientId", always).get("/v1/decisions").then().body("items.decisionId", equalTo(List.of(id)));
        // the client gone: nothing to decide under
        agency.asAdmin().delete("/v1/clients/" + always).then().statusCode(204);
        agency.asCrm().post("/v1/decisions/" + id + "/replay").then().statusCode(409).body("error", equalTo("client_gone"));
    }

    @Test
    void erasingAProspectRemovesTheirEntriesAndIsAudited() {
        String gone1 = decide(agency, request(always, "p-forget", 0));
        String gone2 = agency.asCrm().body(Map.of("requests", List.of(request(never, "p-forget", 0))))
                .post("/v1/decisions/batch").then().statusCode(200).extract().path("results[0].decisionId");
        String stays = decide(agency, request(always, "p-keep", 0));
        String otherClient = decide(agency, request(never, "p-forget", 0));
        // the crm key may not erase
        agency.asCrm().delete("/v1/clients/" + always + "/prospects/p-forget").then().statusCode(403);
        // erased right after deciding: entries still queued are written first, then erased
        agency.asAdmin().delete("/v1/clients/" + always + "/prospects/p-forget").then().statusCode(204)
                .header("Decisions-Erased", "1");
        agency.asCrm().get("/v1/decisions/" + gone1).then().statusCode(404);
        logged(agency, stays);
        logged(agency, gone2);
        logged(agency, otherClient);
        agency.asAdmin().delete("/v1/clients/" + never + "/prospects/p-forget").then().statusCode(204)
                .header("Decisions-Erased", "2");
        agency.asCrm().get("/v1/decisions/" + gone2).then().statusCode(404);
        agency.asCrm().get("/v1/decisions/" + otherClient).then().statusCode(404);
        agency.asCrm().queryParam("prospectId", "p-forget").get("/v1/decisions").then().statusCode(200)
                .body("items", equalTo(List.of()));
        // the audit trail says that it happened, by whom, without the prospect's id
        JsonPath history = agency.asAdmin().get("/v1/clients/" + always + "/history").then().statusCode(200).extract().jsonPath();
        String body = history.prettify();
        assertTrue(body.contains("PROSPECT_ERASED"), body);
        assertFalse(body.contains("p-forget"), body);
        assertTrue(body.contains(DecisionLogRepository.sha256("p-forget")), body);
        agency.asAdmin().delete("/v1/clients/" + always + "/prospects/" + "x".repeat(129)).then().statusCode(400)
                .body("field", equalTo("prospectId"));
    }

    @Test
    void retentionRemovesWhatIsOlderAndKeepsTheRest() throws Exception {
        Instant now = Instant.now();
        UUID old = DecisionIds.at(now.minus(java.time.Duration.ofDays(95)));
        UUID recent = DecisionIds.at(now.minus(java.time.Duration.ofDays(10)));
        repository.insert(List.of(entry(old), entry(recent)));
        logged(agency, old.toString());
        logged(agency, recent.toString());
        boolean partitioned = !repository.partitions().isEmpty();
        if (partitioned) {
            assertTrue(repository.partitions().contains(DecisionLogRepository.day(DecisionIds.timeOf(old))));
        }
        DecisionLogMaintenance.Purged purged = maintenance.run(now);
        assertTrue(purged.partitionsDropped() + purged.rowsDeleted() >= 1, purged.toString());
        agency.asCrm().get("/v1/decisions/" + old).then().statusCode(404);
        logged(agency, recent.toString());
        if (partitioned) {
            // on PostgreSQL the old day went as a whole partition, and the coming days exist
            assertFalse(repository.partitions().contains(DecisionLogRepository.day(DecisionIds.timeOf(old))));
            assertTrue(repository.partitions().contains(DecisionLogRepository.day(now).plusDays(2)));
            assertTrue(purged.partitionsDropped() >= 1, purged.toString());
        }
    }

    private PendingEntry entry(UUID id) {
        Instant at = DecisionIds.timeOf(id);
        DecisionInput in = new DecisionInput(always, "p-old", null, at, 0, List.of());
        DecisionResponse answer = new DecisionResponse(null, Action.HANG_UP, always, "p-old", "always",
                List.of(new Reason("r", "t")), "sha256:x", null, new DecisionResponse.Next(null, Sequence.ACTIVE, null));
        return new PendingEntry(id, at, agency.name(), null, null, in, answer, null);
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    @Test
    void impactOfARuleEditNamesTheDecisionsItChanges() throws Exception {
        String author = Api.operatorAuthor();
        Instant from = Instant.now().minusMillis(5);
        // always: remaining 0 leaves a voicemail, remaining 1 and 2 wait (hang up); never: hangs up
        List<String> one = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            one.add(decide(agency, request(always, "p-" + i, 1)));
        }
        List<String> logged = new ArrayList<>(one);
        logged.add(decide(agency, request(always, "p-9", 0)));
        logged.add(decide(agency, request(always, "p-8", 2)));
        logged.add(decide(agency, request(never, "p-7", 1)));
        for (String id : logged) {
            logged(agency, id);
        }
        Instant to = Instant.now().plusMillis(5);
        String drl = Files.readString(Path.of("rules/policies/always.drl"));
        String guards = Files.readString(Path.of("rules/common/guards.drl"));
        // the edit: wait only while two or more attempts remain, so "one more today" now leaves the message
        // (the same-day guard is common to every policy; under never the answer stays HANG_UP)
        String editedGuards = guards.replace("Call( remainingAttemptsToday > 0 )", "Call( remainingAttemptsToday > 1 )");
        assertFalse(editedGuards.equals(guards));
        Map<String, String> edited = Map.of("common/guards.drl", editedGuards);
        JsonPath impact = Api.as(author).body(Map.of("files", edited,
                        "from", from.toString(), "to", to.toString()))
                .post("/v1/rules/impact").then().statusCode(200).extract().jsonPath();
        assertEquals(6, impact.getInt("decisionsRead"), impact.prettify());
        assertEquals(3, impact.getInt("changed"), impact.prettify());
        assertEquals(1, impact.getList("groups").size(), impact.prettify());
        assertEquals(agency.name() + "/" + always, impact.getString("groups[0].client"));
        assertEquals("always", impact.getString("groups[0].policy"));
        assertEquals("HANG_UP", impact.getString("groups[0].from.action"));
        assertEquals("LEAVE_VOICEMAIL", impact.getString("groups[0].to.action"));
        assertEquals("STANDARD", impact.getString("groups[0].to.messageKind"));
        assertEquals(Set.copyOf(one), Set.copyOf(impact.getList("groups[0].examples")));
        assertTrue(impact.getLong("elapsedMs") >= 0);
        // by client and policy: the window narrowed to the never client sees no change
        Api.as(author).body(Map.of("files", edited, "from", from.toString(),
                        "to", to.toString(), "clientId", never))
                .post("/v1/rules/impact").then().statusCode(200).body("decisionsRead", equalTo(1)).body("changed", equalTo(0));
        Api.as(author).body(Map.of("files", edited, "from", from.toString(),
                        "to", to.toString(), "policy", "always", "limit", 2))
                .post("/v1/rules/impact").then().statusCode(200).body("decisionsRead", equalTo(2)).body("truncated", equalTo(true));
        // an edit that changes nothing: a comment
        Api.as(author).body(Map.of("files", Map.of("policies/always.drl", drl + "\n// a comment\n"),
                        "from", from.toString(), "to", to.toString()))
                .post("/v1/rules/impact").then().statusCode(200).body("decisionsRead", equalTo(6))
                .body("changed", equalTo(0)).body("groups", equalTo(List.of()));
        // nothing was loaded
        agency.asCrm().body(request(always, "p-1", 1)).post("/v1/decisions").then().statusCode(200).body("action", equalTo("HANG_UP"));
        // refused: not the operator's author, bad files, bad window, rule code that reaches the host
        agency.asAdmin().body(Map.of("files", Map.of("policies/always.drl", drl))).post("/v1/rules/impact").then().statusCode(403);
        Api.as(author).body(Map.of("files", Map.of("policies/always.drl", drl), "from", "soon"))
                .post("/v1/rules/impact").then().statusCode(400).body("field", equalTo("from"));
        Api.as(author).body(Map.of("files", Map.of("../x.drl", drl))).post("/v1/rules/impact").then().statusCode(400)
                .body("field", equalTo("files"));
        Api.as(author).body(Map.of("files", Map.of("policies/always.drl", drl), "limit", 100_001))
                .post("/v1/rules/impact").then().statusCode(400).body("field", equalTo("limit"));
        String hostile = drl.replace("modify( $decision ) { setAction( Action.LEAVE_VOICEMAIL ) }",
                "System.exit(3); modify( $decision ) { setAction( Action.LEAVE_VOICEMAIL ) }");
        assertFalse(hostile.equals(drl));
        assertNotNull(hostile);
        Api.as(author).body(Map.of("files", Map.of("policies/always.drl", hostile), "from", from.toString()))
                .post("/v1/rules/impact").then().statusCode(422).body("error", equalTo("rules_invalid"));
    }

    /**
     * Impact takes a logged answer as the loaded rules' answer (and decides only under the candidate)
     * only while everything else that decided it is as it was. Each step changes one thing that would
     * make the logged answer wrong as the "before"; the candidate (a comment) changes nothing, so any
     * "changed" would be the logged answer taken where it no longer stands.
     */
    @Test
    void impactTakesALoggedAnswerOnlyWhileItsClientRulesAndBuildAreAsTheyWere() throws Exception {
        String author = Api.operatorAuthor();
        String client = Api.unique("basis");
        agency.client(client, "always");
        Instant from = Instant.now().minusMillis(5);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // 10:35 in Chicago, the day's last attempt: a voicemail
            first.add(decide(agency, request(client, "p-" + i, 0)));
        }
        for (String id : first) {
            assertEquals("LEAVE_VOICEMAIL", logged(agency, id).getString("action"));
            assertEquals(1, logged(agency, id).getInt("clientVersion"), "the entry names the client's version that decided");
        }
        String drl = Files.readString(Path.of("rules/policies/always.drl"));
        Map<String, Object> impact = new java.util.HashMap<>(Map.of("files", Map.of("policies/always.drl", drl + "\n// a comment\n"),
                "from", from.toString(), "clientId", client));
        Api.as(author).body(impact).post("/v1/rules/impact").then().statusCode(200)
                .body("replayed", equalTo(3)).body("answersFromLog", equalTo(3)).body("changed", equalTo(0));

        // deleted and created again: version 1 again, but calling hours that end before the call (the loaded rules hang up now)
        String hoursEnded = "{\"name\": \"C\", \"policy\": \"always\", \"timezone\": \"America/Chicago\","
                + " \"parameters\": {\"callingHoursEnd\": \"10:00\"}}";
        agency.asAdmin().delete("/v1/clients/" + client).then().statusCode(204);
        agency.asAdmin().body(hoursEnded).put("/v1/clients/" + client).then().statusCode(201).header("ETag", "\"1\"");
        Api.as(author).body(impact).post("/v1/rules/impact").then().statusCode(200)
                .body("replayed", equalTo(3)).body("answersFromLog", equalTo(0)).body("changed", equalTo(0));

        // logged under those hours (hang up), then the client changed back (version 2): voicemails again now
        List<String> second = List.of(decide(agency, request(client, "p-3", 0)), decide(agency, request(client, "p-4", 0)));
        for (String id : second) {
            assertEquals("HANG_UP", logged(agency, id).getString("action"));
        }
        agency.asAdmin().body(hoursEnded.replace("{\"callingHoursEnd\": \"10:00\"}", "{}")).put("/v1/clients/" + client)
                .then().statusCode(200).header("ETag", "\"2\"");
        Api.as(author).body(impact).post("/v1/rules/impact").then().statusCode(200)
                .body("replayed", equalTo(5)).body("answersFromLog", equalTo(0)).body("changed", equalTo(0));
        List<String> third = List.of(decide(agency, request(client, "p-5", 0)));
        assertEquals(2, logged(agency, third.get(0)).getInt("clientVersion"));
        Api.as(author).body(impact).post("/v1/rules/impact").then().statusCode(200)
                .body("replayed", equalTo(6)).body("answersFromLog", equalTo(1)).body("changed", equalTo(0));

        // an experiment's arm decided (same policy, the hours that end before the call): the client's own policy does not
        String experiments = "/v1/clients/" + client + "/experiments/hours";
        Map<String, Object> hours = Map.of("callingHoursEnd", "10:00");
        agency.asAdmin().body(Map.of("description", "hours", "primaryMetric", "callback", "windowDays", 14,
                        "plannedProspectsPerArm", 500, "arms", List.of(
                                Map.of("name", "a", "policy", "always", "parameters", hours, "weight", 1),
                                Map.of("name", "b", "policy", "always", "parameters", hours, "weight", 1))))
                .put(experiments).then().statusCode(201);
        agency.asAdmin().post(experiments + "/start").then().statusCode(200);
        String underArm = decide(agency, request(client, "p-6", 0));
        assertEquals("HANG_UP", logged(agency, underArm).getString("action"));
        Api.as(author).body(impact).post("/v1/rules/impact").then().statusCode(200)
                .body("replayed", equalTo(7)).body("answersFromLog", equalTo(1)).body("changed", equalTo(0));

        // another rules version loaded than the one that decided: nothing logged stands
        DecisionLogRepository.Row row = repository.list(agency.name(), new DecisionLogRepository.Filter(client, "p-5", null, null,
                null, null), null, null, 1, true).get(0);
        dev.voicemail.clients.Client now = clients.load(agency.name(), client).orElseThrow();
        assertTrue(ImpactResource.loggedAnswerStands(row, now, rules.current(), build.id()));
        // two changes within one millisecond share an updated_at as the log keeps it: the version tells them apart
        assertFalse(ImpactResource.loggedAnswerStands(row, new dev.voicemail.clients.Client(now.agency(), now.id(), now.name(),
                now.policy(), now.timezone(), now.parameters(), now.valuePropositions(), now.version() + 1, now.createdAt(),
                now.updatedAt()), rules.current(), build.id()));
        // a client without an updated_at (none comes from the database so) is never taken for the one that decided
        assertFalse(ImpactResource.loggedAnswerStands(row, new dev.voicemail.clients.Client(now.agency(), now.id(), now.name(),
                now.policy(), now.timezone(), now.parameters(), now.valuePropositions(), now.version(), now.createdAt(),
                null), rules.current(), build.id()));
        assertFalse(ImpactResource.loggedAnswerStands(row, clients.load(agency.name(), client).orElseThrow(),
                new dev.voicemail.rules.RuleSet("sha256:other", rules.current().loadedAt(), rules.current().files(),
                        rules.current().policies()), build.id()));
        assertFalse(ImpactResource.loggedAnswerStands(row, clients.load(agency.name(), client).orElseThrow(),
                rules.current(), build.id() + " rebuilt"));
    }

    /**
     * Impact replays on several workers at once; what it answers must not depend on which worker
     * replayed what: every decision counted once, the examples the 20 newest, and an edit to one
     * policy leaves the others' decisions unchanged.
     */
    @Test
    void impactOnSeveralWorkersCountsEachDecisionOnceAndShowsTheNewest() throws Exception {
        String author = Api.operatorAuthor();
        Instant from = Instant.now().minusMillis(5);
        List<String> changing = new ArrayList<>();
        for (int i = 0; i < 130; i++) { // more than the workers' queue, so that they run while it is read
            changing.add(decide(agency, request(always, "p-many-" + i, 1)));
        }
        String other = decide(agency, request(never, "p-many-never", 1));
        logged(agency, other);
        for (String id : changing) {
            logged(agency, id);
        }
        Instant to = Instant.now().plusMillis(5);
        String guards = Files.readString(Path.of("rules/common/guards.drl"));
        String editedGuards = guards.replace("Call( remainingAttemptsToday > 0 )", "Call( remainingAttemptsToday > 1 )");
        assertFalse(editedGuards.equals(guards));
        JsonPath impact = Api.as(author).body(Map.of("files", Map.of("common/guards.drl", editedGuards),
                        "from", from.toString(), "to", to.toString()))
                .post("/v1/rules/impact").then().statusCode(200).extract().jsonPath();
        assertEquals(131, impact.getInt("decisionsRead"), impact.prettify());
        assertEquals(131, impact.getInt("replayed"), impact.prettify());
        assertEquals(130, impact.getInt("changed"), impact.prettify());
        assertEquals(1, impact.getList("groups").size(), impact.prettify());
        assertEquals(130, impact.getInt("groups[0].count"));
        List<String> newest = new ArrayList<>(changing.subList(changing.size() - 20, changing.size()));
        java.util.Collections.reverse(newest);
        assertEquals(newest, impact.getList("groups[0].examples"), "the 20 newest, newest first");
        // an edit to always's own file: never's decision is not decided again, and counts as unchanged
        String always_ = Files.readString(Path.of("rules/policies/always.drl"));
        Api.as(author).body(Map.of("files", Map.of("policies/always.drl", always_ + "\n// a comment\n"),
                        "from", from.toString(), "to", to.toString()))
                .post("/v1/rules/impact").then().statusCode(200).body("decisionsRead", equalTo(131))
                .body("replayed", equalTo(131)).body("changed", equalTo(0));
    }

    /**
     * Impact reads the log of every agency a page at a time ({@code list} with no agency). Each page
     * must come off an index already in (decided_at DESC, id DESC) order and stop at the limit: a plan
     * that sorts instead reads and sorts the rest of the window, requests included, for every page,
     * which makes a replay quadratic in its window. The statements are the ones {@code list} builds.
     */
    @Test
    void impactPagesComeOffAnIndexInOrderWithoutASort() throws Exception {
        Instant now = Instant.now();
        // more rows than a page, at distinct times, so that a plan that read the whole window would show it
        List<PendingEntry> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(entry(DecisionIds.at(now.minusSeconds(3600).plusMillis(i))));
        }
        repository.insert(many);
        Instant from = now.minus(java.time.Duration.ofDays(1));
        Instant to = now.plusSeconds(60);
        List<DecisionLogRepository.Filter> filters = List.of(
                new DecisionLogRepository.Filter(null, null, null, null, null, null),
                new DecisionLogRepository.Filter(always, null, null, null, null, null),
                new DecisionLogRepository.Filter(null, null, null, null, null, "always"),
                new DecisionLogRepository.Filter(null, null, from, to, null, null),
                new DecisionLogRepository.Filter(always, null, from, to, null, "always"));
        UUID cursor = DecisionIds.at(now.minusSeconds(3600).plusMillis(250));
        try (Connection c = db.connection()) {
            boolean postgres = repository.postgres(c);
            for (DecisionLogRepository.Filter f : filters) {
                for (UUID after : java.util.Arrays.asList(null, cursor)) {
                    Instant at = after == null ? null : DecisionIds.timeOf(after);
                    // a page as impact reads it, and the one-row look-ahead that tells whether the window was truncated
                    for (DecisionLogRepository.Query q : List.of(DecisionLogRepository.listQuery(null, f, at, after, 10, true, false),
                            DecisionLogRepository.listQuery(null, f, at, after, 1, false, false))) {
                        if (postgres) {
                            assertPostgresReadsInOrder(c, q);
                        } else {
                            assertH2ReadsInOrder(c, q);
                        }
                    }
                }
            }
        }
    }

    /**
     * H2 2.x says "index sorted" when the index gives the order ("index sorted: 1 of 2 columns" when it
     * gives decided_at and only rows of the same millisecond are sorted); without it, it sorts every row
     * that matches. EXPLAIN ANALYZE counts the rows read: about a page, not the window's hundreds.
     */
    private static void assertH2ReadsInOrder(Connection c, DecisionLogRepository.Query q) throws Exception {
        String plan = explain(c, "EXPLAIN ANALYZE ", q);
        assertTrue(plan.contains("/* index sorted"), "the index does not give the order:\n" + plan);
        assertFalse(plan.contains("tableScan"), plan);
        Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertTrue(scanned.find(), plan);
        if (q.sql().contains("id < ?") && !q.sql().contains("client_id = ?") && !q.sql().contains("policy = ?")) {
            // after the cursor (among the rows above, one a millisecond) and with no filter outside the
            // index, a page of 10 reads 10 rows and one more (the next millisecond); the first page is not
            // counted, as the newest rows are other tests' and a batch can log many in one millisecond
            assertTrue(Integer.parseInt(scanned.group(1)) <= 20, "read more than a page:\n" + plan);
        }
    }

    /**
     * The tables of a test are small enough for PostgreSQL to prefer sorting them; with sorts disabled it
     * still sorts when no index can give the order, so a plan without a Sort node shows one can (the
     * primary key (decided_at, id) of each day's partition, read backwards).
     */
    private static void assertPostgresReadsInOrder(Connection c, DecisionLogRepository.Query q) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_sort = off");
            }
            String plan = explain(c, "EXPLAIN ", q);
            for (String line : plan.split("\n")) {
                String node = line.strip().replaceFirst("^->\\s*", "");
                assertFalse(node.startsWith("Sort") || node.startsWith("Incremental Sort"), "the plan sorts:\n" + plan);
            }
            assertTrue(plan.contains("Index Scan Backward") || plan.contains("Index Only Scan Backward"), plan);
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    private static String explain(Connection c, String explain, DecisionLogRepository.Query q) throws Exception {
        try (PreparedStatement s = c.prepareStatement(explain + q.sql())) {
            for (int i = 0; i < q.args().size(); i++) {
                s.setObject(i + 1, q.args().get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    void aRuleThatNeverEndsIsStoppedAndNamed() {
        String drl;
        try {
            drl = Files.readString(Path.of("rules/policies/always.drl"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // a loop the trial decisions do not reach (they never call with 7 remaining), but a logged request does
        String looping = drl.replace("import dev.voicemail.facts.Decision;", "import dev.voicemail.facts.Call;\nimport dev.voicemail.facts.Decision;")
                .replace("rule \"leave a voicemail on the last attempt of the day\"",
                "rule \"spin\"\n    @explanation(\"spins\")\n    agenda-group \"guards\" salience 100\nwhen\n"
                        + "    Call( remainingAttemptsToday == 7 )\nthen\n"
                        + "    while (true) { }\nend\n\nrule \"leave a voicemail on the last attempt of the day\"");
        assertFalse(looping.equals(drl));
        Instant from = Instant.now().minusMillis(5);
        String id = decide(agency, request(always, "p-spin", 7));
        logged(agency, id);
        Api.as(Api.operatorAuthor()).body(Map.of("files", Map.of("policies/always.drl", looping), "from", from.toString(),
                        "clientId", always))
                .post("/v1/rules/impact").then().statusCode(422).body("error", equalTo("impact_stopped"))
                .body("errors[0].file", equalTo("policies/always.drl"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("rule \"spin\" ran longer than"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("in a replayed decision, so the replay stopped"));
    }

    /**
     * A burst within the queue's capacity is recorded whole (nothing dropped), and the figures the
     * docs quote: what recording costs a decision on its thread, and what a row takes on disk.
     */
    @Test
    void aBurstWithinTheQueueIsRecordedWholeAndWhatItCosts() throws Exception {
        String prospect = Api.unique("burst");
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            attempts.add(Map.of("at", "2026-11-1" + i + "T09:00:00-06:00", "channel", i % 2 == 0 ? "CALL" : "EMAIL",
                    "outcome", i % 2 == 0 ? "NO_ANSWER" : "SENT"));
        }
        dev.voicemail.decision.DecisionRequest body = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(
                Map.of("clientId", always, "prospect", Map.of("id", prospect),
                        "call", Map.of("at", "2026-11-23T10:35:00-06:00", "remainingAttemptsToday", 0), "attempts", attempts),
                dev.voicemail.decision.DecisionRequest.class);
        DecisionInput in = reader.read(body);
        dev.voicemail.clients.Client client = clients.load(agency.name(), always).orElseThrow();
        int n = 5000;
        for (int i = 0; i < 2000; i++) { // warm both paths
            dev.voicemail.decision.DecisionService.decide(rules.current(), client, in);
        }
        Instant loggedFrom = Instant.now(); // the burst's day partition, even when the check below runs after midnight
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            dev.voicemail.decision.DecisionService.decide(rules.current(), client, in);
        }
        long bare = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertNotNull(service.decide(client, in).decisionId());
        }
        long logged = System.nanoTime() - t0;
        System.out.printf("Decision log: a decision takes %.1f us without the log, %.1f us with it (async; both on this"
                + " thread, without HTTP)%n", bare / 1000.0 / n, logged / 1000.0 / n);
        // every one is written: count them as a listing does, page by page
        long deadline = System.nanoTime() + 60_000_000_000L;
        int count;
        do {
            count = countOf(prospect);
        } while (count < n && System.nanoTime() < deadline && sleepThen(200));
        assertEquals(n, count, "decisions recorded of a burst within the queue's capacity");
        try (Connection c = db.connection()) {
            if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                String part = "decision_log_p" + DecisionLogRepository.day(loggedFrom).toString().replace("-", "");
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*), avg(pg_column_size(d.*)),"
                        + " pg_relation_size('" + part + "'), pg_total_relation_size('" + part + "')"
                        + " FROM " + part + " d")) {
                    rs.next();
                    long rows = Math.max(1, rs.getLong(1)); // a burst begun just before midnight may leave few here
                    System.out.printf("Decision log on PostgreSQL: %d rows today, %.0f bytes per row (tuple), %d bytes per row"
                            + " in the heap, %d bytes per row with indexes and TOAST%n", rs.getLong(1), rs.getDouble(2),
                            rs.getLong(3) / rows, rs.getLong(4) / rows);
                }
            }
        }
    }

    private static boolean sleepThen(long ms) {
        sleep(ms);
        return true;
    }

    private int countOf(String prospect) {
        int count = 0;
        String cursor = null;
        do {
            var spec = agency.asCrm().queryParam("prospectId", prospect).queryParam("limit", 500);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.get("/v1/decisions").then().statusCode(200).extract().jsonPath();
            count += page.getList("items").size();
            cursor = page.getString("next");
        } while (cursor != null);
        return count;
    }
}
