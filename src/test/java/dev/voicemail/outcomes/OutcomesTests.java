package dev.voicemail.outcomes;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Outcomes through the HTTP API and the real database (H2 and PostgreSQL subclasses): reported and
 * derived, attributed to the right decision by call time, counted once, per agency, erased with the prospect.
 */
abstract class OutcomesTests {

    private static final Duration WINDOW = Duration.ofDays(14);

    @Inject
    dev.voicemail.decisionlog.DecisionLogMaintenance maintenance;
    @Inject
    dev.voicemail.db.Database db;

    private Api.Agency agency;
    private String client;
    private Instant now;

    @BeforeEach
    void agency() {
        agency = Api.newAgency("outcomes");
        client = Api.unique("c");
        agency.client(client, "always");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    // --- helpers

    static Map<String, Object> touch(Instant at, String channel, String outcome, String direction) {
        Map<String, Object> t = new HashMap<>(Map.of("at", at.toString(), "channel", channel, "outcome", outcome));
        if (direction != null) {
            t.put("direction", direction);
        }
        return t;
    }

    /** Decides a call made at {@code callAt} with this history, and waits until the log holds it. */
    static String decide(Api.Agency agency, String client, String prospect, Instant callAt, List<Map<String, Object>> history) {
        String id = agency.asCrm().body(Map.of("clientId", client, "prospect", Map.of("id", prospect),
                        "call", Map.of("at", callAt.toString(), "remainingAttemptsToday", 0), "attempts", history))
                .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
        logged(agency, id);
        return id;
    }

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

    static Map<String, Object> outcome(String client, String prospect, String kind, String eventId, Instant at) {
        return Map.of("clientId", client, "prospectId", prospect, "kind", kind, "eventId", eventId, "occurredAt", at.toString());
    }

    /** Reports one outcome; its result. */
    static JsonPath report(Api.Agency agency, Map<String, Object> outcome) {
        return agency.asCrm().body(outcome).post("/v1/outcomes").then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> outcomes(Api.Agency agency, String client, String prospect) {
        return agency.asCrm().queryParam("clientId", client).queryParam("prospectId", prospect).get("/v1/outcomes")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The prospect's outcomes, once there are {@code n} of them (derivation runs a moment after the log). */
    static List<Map<String, Object>> awaitOutcomes(Api.Agency agency, String client, String prospect, int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Map<String, Object>> found = outcomes(agency, client, prospect);
            if (found.size() >= n) {
                return found;
            }
            assertTrue(System.nanoTime() < deadline, "only " + found.size() + " of " + n + " outcomes within 10 s: " + found);
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

    private static Map<String, Map<String, Object>> byKind(List<Map<String, Object>> outcomes) {
        Map<String, Map<String, Object>> map = new HashMap<>();
        for (Map<String, Object> o : outcomes) {
            assertNull(map.put((String) o.get("kind"), o), "one outcome per kind: " + outcomes);
        }
        return map;
    }

    // --- reported

    @Test
    void aReportedOutcomeGoesToTheLatestEarlierDecisionWithinTheWindow() {
        Instant first = now.minus(Duration.ofDays(30));
        Instant second = now.minus(Duration.ofDays(20));
        String d1 = decide(agency, client, "p-1", first, List.of());
        String d2 = decide(agency, client, "p-1", second, List.of());
        // another prospect's later decision is not this prospect's
        decide(agency, client, "p-2", second.plus(Duration.ofDays(1)), List.of());

        // between the two decisions: the first
        assertEquals(d1, report(agency, outcome(client, "p-1", "CALLBACK", "e-between", second.minusSeconds(60)))
                .getString("outcomes[0].decisionId"));
        // after both, inside the window of the second: the second (the latest earlier one)
        JsonPath inside = report(agency, outcome(client, "p-1", "REPLY", "e-inside", second.plus(WINDOW).minusSeconds(60)));
        assertEquals("recorded", inside.getString("outcomes[0].status"));
        assertEquals("e-inside", inside.getString("outcomes[0].eventId"));
        assertEquals(d2, inside.getString("outcomes[0].decisionId"));
        // just past the window of the second (and further past the first's): recorded, attributed to none
        JsonPath outside = report(agency, outcome(client, "p-1", "MEETING", "e-outside", second.plus(WINDOW).plusSeconds(60)));
        assertEquals("recorded", outside.getString("outcomes[0].status"));
        assertNull(outside.getString("outcomes[0].decisionId"));
        // at a decision's very call time: not after it, so the one before
        assertEquals(d1, report(agency, outcome(client, "p-1", "CONNECT", "e-same-time", second))
                .getString("outcomes[0].decisionId"));
        // before any decision, and for a prospect never decided: recorded without a decision
        assertNull(report(agency, outcome(client, "p-1", "CONNECT", "e-before", first.minusSeconds(1))).get("outcomes[0].decisionId"));
        assertNull(report(agency, outcome(client, "p-never", "OPTED_OUT", "e-never", now)).get("outcomes[0].decisionId"));
        assertEquals(1, outcomes(agency, client, "p-never").size());

        // listed with their attribution, and shown on their decision
        Map<String, Object> attributed = new HashMap<>();
        Map<String, Map<String, Object>> byEvent = new HashMap<>();
        for (Map<String, Object> o : outcomes(agency, client, "p-1")) {
            attributed.put((String) o.get("eventId"), o.get("decisionId") == null ? "none" : o.get("decisionId"));
            byEvent.put((String) o.get("eventId"), o);
        }
        assertEquals(Map.of("e-between", d1, "e-inside", d2, "e-outside", "none", "e-same-time", d1, "e-before", "none"), attributed);
        assertEquals("REPORTED", byEvent.get("e-inside").get("source"));
        assertEquals("REPLY", byEvent.get("e-inside").get("kind"));
        assertEquals(second.plus(WINDOW).minusSeconds(60), Instant.parse((String) byEvent.get("e-inside").get("occurredAt")));
        assertEquals(List.of("e-between", "e-same-time"), logged(agency, d1).getList("outcomes.eventId"));
        assertEquals(List.of("e-inside"), logged(agency, d2).getList("outcomes.eventId"));
        assertEquals(List.of("REPLY"), logged(agency, d2).getList("outcomes.kind"));
    }

    @Test
    void theSameEventReportedAgainCountsOnce() {
        String d = decide(agency, client, "p-1", now.minus(Duration.ofDays(2)), List.of());
        JsonPath first = report(agency, outcome(client, "p-1", "CALLBACK", "crm-evt-1", now.minus(Duration.ofDays(1))));
        assertEquals("recorded", first.getString("outcomes[0].status"));
        // again, even with another time and kind: the CRM's event id is the event
        JsonPath again = report(agency, outcome(client, "p-1", "REPLY", "crm-evt-1", now.minus(Duration.ofHours(1))));
        assertEquals("duplicate", again.getString("outcomes[0].status"));
        assertEquals(d, again.getString("outcomes[0].decisionId"));
        // twice in one list: the second is the duplicate
        JsonPath list = agency.asCrm().body(Map.of("outcomes", List.of(
                        outcome(client, "p-1", "CONNECT", "crm-evt-2", now.minus(Duration.ofHours(2))),
                        outcome(client, "p-1", "CONNECT", "crm-evt-2", now.minus(Duration.ofHours(2))),
                        outcome(client, "p-1", "CALLBACK", "crm-evt-1", now.minus(Duration.ofDays(1))))))
                .post("/v1/outcomes").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("recorded", "duplicate", "duplicate"), list.getList("outcomes.status"));
        assertEquals(List.of("crm-evt-2", "crm-evt-2", "crm-evt-1"), list.getList("outcomes.eventId"));
        List<Map<String, Object>> stored = outcomes(agency, client, "p-1");
        assertEquals(2, stored.size(), stored.toString());
    }

    @Test
    void concurrentRepeatsOfOneEventCountOnce() throws Exception {
        decide(agency, client, "p-1", now.minus(Duration.ofDays(2)), List.of());
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 3; round++) {
                Map<String, Object> body = outcome(client, "p-1", "CALLBACK", "race-" + round, now.minus(Duration.ofDays(1)));
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    calls.add(() -> report(agency, body).getString("outcomes[0].status"));
                }
                List<String> statuses = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
                assertEquals(1, statuses.stream().filter("recorded"::equals).count(), statuses.toString());
                assertEquals(n - 1, statuses.stream().filter("duplicate"::equals).count(), statuses.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, outcomes(agency, client, "p-1").size());
    }

    // --- derived

    @Test
    void laterRequestsHistoryYieldsOutcomesOnceEach() {
        Instant d1At = now.minus(Duration.ofDays(10));
        Instant d2At = now.minus(Duration.ofDays(7));
        Instant earlyConnect = now.minus(Duration.ofDays(11));  // before any decision: not an outcome of one
        Instant callback = now.minus(Duration.ofDays(9));       // after d1
        Instant reply = now.minus(Duration.ofDays(8));          // after d1
        Instant noAnswer = now.minus(Duration.ofDays(9)).plusSeconds(3600);
        String d1 = decide(agency, client, "p-1", d1At, List.of(touch(earlyConnect, "CALL", "CONNECTED", null)));
        List<Map<String, Object>> history = new ArrayList<>(List.of(
                touch(earlyConnect, "CALL", "CONNECTED", null),
                touch(callback, "CALL", "NO_ANSWER", "INBOUND"),
                touch(noAnswer, "CALL", "NO_ANSWER", null),
                touch(reply, "EMAIL", "REPLIED", null)));
        String d2 = decide(agency, client, "p-1", d2At, history);
        Map<String, Map<String, Object>> derived = byKind(awaitOutcomes(agency, client, "p-1", 2));
        assertEquals(2, derived.size(), derived.toString());
        assertEquals(d1, derived.get("CALLBACK").get("decisionId"));
        assertEquals(d1, derived.get("REPLY").get("decisionId"));
        assertEquals("DERIVED", derived.get("CALLBACK").get("source"));
        assertEquals(callback, Instant.parse((String) derived.get("CALLBACK").get("occurredAt")));

        // the next request re-sends the whole history with one touch more, after the second decision
        Instant text = now.minus(Duration.ofDays(6));
        history.add(touch(text, "TEXT", "SENT", "INBOUND"));
        decide(agency, client, "p-1", now.minus(Duration.ofDays(5)), history);
        List<Map<String, Object>> after = awaitOutcomes(agency, client, "p-1", 3);
        // and once more the same history, then another prospect's request: derivation runs in order, so
        // once the other prospect's outcome shows, this one's re-sent history was seen too
        decide(agency, client, "p-1", now.minus(Duration.ofDays(4)), history);
        decide(agency, client, "p-marker", now.minus(Duration.ofDays(3)), List.of());
        decide(agency, client, "p-marker", now.minus(Duration.ofDays(2)),
                List.of(touch(now.minus(Duration.ofDays(3)).plusSeconds(60), "VISIT", "DONE", null)));
        assertEquals("MEETING", awaitOutcomes(agency, client, "p-marker", 1).get(0).get("kind"));
        after = outcomes(agency, client, "p-1");
        assertEquals(3, after.size(), "a re-sent history counts once: " + after);
        List<String> replies = after.stream().filter(o -> "REPLY".equals(o.get("kind")))
                .map(o -> (String) o.get("decisionId")).sorted().toList();
        assertEquals(List.of(d1, d2).stream().sorted().toList(), replies, "the text came after the second decision");
        assertEquals(List.of("CALLBACK", "REPLY"), logged(agency, d1).getList("outcomes.kind"));
        assertEquals(List.of("REPLY"), logged(agency, d2).getList("outcomes.kind"));

        // a CRM report of the same call-back is its own event (the CRM's id), stored beside the derived one
        assertEquals("recorded", report(agency, outcome(client, "p-1", "CALLBACK", "crm-cb", callback)).getString("outcomes[0].status"));
    }

    @Test
    void everyKindOfTouchMapsToItsOutcome() {
        Instant decided = now.minus(Duration.ofDays(5));
        decide(agency, client, "p-k", decided, List.of());
        Instant t = decided.plusSeconds(3600);
        decide(agency, client, "p-k", now.minus(Duration.ofDays(1)), List.of(
                touch(t, "CALL", "CONNECTED", null),                 // CONNECT
                touch(t.plusSeconds(60), "CALL", "CONNECTED", "INBOUND"), // CALLBACK and CONNECT
                touch(t.plusSeconds(120), "EMAIL", "SENT", "INBOUND"),   // REPLY
                touch(t.plusSeconds(180), "VISIT", "PLANNED", null),     // MEETING
                touch(t.plusSeconds(240), "TEXT", "OPTED_OUT", null),    // OPTED_OUT
                touch(t.plusSeconds(300), "EMAIL", "SENT", null),        // nothing
                touch(t.plusSeconds(360), "CALL", "VOICEMAIL_LEFT", null))); // nothing
        List<Map<String, Object>> found = awaitOutcomes(agency, client, "p-k", 6);
        sleep(300);
        found = outcomes(agency, client, "p-k");
        assertEquals(List.of("CALLBACK", "CONNECT", "CONNECT", "MEETING", "OPTED_OUT", "REPLY"),
                found.stream().map(o -> (String) o.get("kind")).sorted().toList(), found.toString());
    }

    // --- agencies

    @Test
    void anotherAgencyCanNeitherReportOntoNorSeeThisOnesOutcomes() {
        String d = decide(agency, client, "p-1", now.minus(Duration.ofDays(3)), List.of());
        report(agency, outcome(client, "p-1", "CALLBACK", "evt-shared", now.minus(Duration.ofDays(2))));
        Api.Agency other = Api.newAgency("outcomes-other");
        // A's client is no client of B's: 404, as everywhere, naming the field
        other.asCrm().body(outcome(client, "p-1", "CALLBACK", "evt-b", now)).post("/v1/outcomes").then().statusCode(404)
                .body("error", equalTo("not_found")).body("field", equalTo("clientId"));
        other.asCrm().body(Map.of("outcomes", List.of(outcome(client, "p-1", "CALLBACK", "evt-b", now))))
                .post("/v1/outcomes").then().statusCode(404).body("field", equalTo("outcomes[0].clientId"));
        // B's own client of the same name, same prospect and event id: B's own, never attributed to A's decision
        other.client(client, "always");
        JsonPath b = report(other, outcome(client, "p-1", "CALLBACK", "evt-shared", now.minus(Duration.ofDays(2))));
        assertEquals("recorded", b.getString("outcomes[0].status"));
        assertNull(b.get("outcomes[0].decisionId"));
        // each sees its own
        assertEquals(1, outcomes(other, client, "p-1").size());
        assertNull(outcomes(other, client, "p-1").get(0).get("decisionId"));
        List<Map<String, Object>> mine = outcomes(agency, client, "p-1");
        assertEquals(1, mine.size());
        assertEquals(d, mine.get(0).get("decisionId"));
        other.asCrm().get("/v1/outcomes").then().statusCode(200).body("items.size()", equalTo(1));
        other.asCrm().get("/v1/decisions/" + d).then().statusCode(404);
        assertEquals(1, logged(agency, d).getList("outcomes").size());
        // and B's derived history never reaches A's decisions either
        other.asCrm().body(Map.of("clientId", client, "prospect", Map.of("id", "p-1"),
                        "call", Map.of("at", now.toString(), "remainingAttemptsToday", 0),
                        "attempts", List.of(touch(now.minus(Duration.ofDays(1)), "CALL", "CONNECTED", "INBOUND"))))
                .post("/v1/decisions").then().statusCode(200);
        // A's next request shows the derivation still runs, and B's touch is not among A's outcomes
        decide(agency, client, "p-2", now.minus(Duration.ofDays(3)), List.of());
        decide(agency, client, "p-2", now, List.of(touch(now.minus(Duration.ofDays(2)), "EMAIL", "REPLIED", null)));
        awaitOutcomes(agency, client, "p-2", 1);
        assertEquals(1, outcomes(agency, client, "p-1").size());
        assertEquals(1, logged(agency, d).getList("outcomes").size());
        // an admin key of the agency reads them too; no key reads nothing
        agency.asAdmin().queryParam("clientId", client).get("/v1/outcomes").then().statusCode(200);
        io.restassured.RestAssured.given().get("/v1/outcomes").then().statusCode(401);
    }

    // --- erasure

    @Test
    void erasingAProspectErasesItsOutcomesAndSaysSo() {
        decide(agency, client, "p-forget", now.minus(Duration.ofDays(5)), List.of());
        report(agency, outcome(client, "p-forget", "CALLBACK", "f-1", now.minus(Duration.ofDays(4))));
        decide(agency, client, "p-forget", now.minus(Duration.ofDays(1)),
                List.of(touch(now.minus(Duration.ofDays(3)), "EMAIL", "REPLIED", null)));
        awaitOutcomes(agency, client, "p-forget", 2);
        report(agency, outcome(client, "p-stays", "CALLBACK", "f-2", now.minus(Duration.ofDays(4))));
        agency.asAdmin().delete("/v1/clients/" + client + "/prospects/p-forget").then().statusCode(204)
                .header("Decisions-Erased", "2").header("Outcomes-Erased", "2");
        assertEquals(List.of(), outcomes(agency, client, "p-forget"));
        assertEquals(1, outcomes(agency, client, "p-stays").size());
        String history = agency.asAdmin().get("/v1/clients/" + client + "/history").then().statusCode(200).extract().asString();
        assertTrue(history.contains("\"outcomesErased\":2") || history.contains("outcomesErased"), history);
        assertFalse(history.contains("p-forget"), history);
        // reported again after the erasure (the CRM re-sends): a new record, attributed to nothing left
        JsonPath again = report(agency, outcome(client, "p-forget", "CALLBACK", "f-1", now.minus(Duration.ofDays(4))));
        assertEquals("recorded", again.getString("outcomes[0].status"));
        assertNull(again.get("outcomes[0].decisionId"));
    }

    @Test
    void outcomesGoWithTheDecisionLogsRetention() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(95));
        try (java.sql.Connection c = db.connection()) {
            assertTrue(OutcomeRepository.insert(c, agency.name(), client, "p-old", OutcomeKind.CALLBACK, OutcomeRepository.REPORTED,
                    "old-1", longAgo, null, longAgo));
        }
        report(agency, outcome(client, "p-old", "REPLY", "new-1", now.minus(Duration.ofDays(1))));
        assertEquals(2, outcomes(agency, client, "p-old").size());
        dev.voicemail.decisionlog.DecisionLogMaintenance.Purged purged = maintenance.run(Instant.now());
        assertTrue(purged.outcomesDeleted() >= 1, purged.toString());
        assertEquals(List.of("new-1"), outcomes(agency, client, "p-old").stream().map(o -> o.get("eventId")).toList());
    }

    // --- bad input

    private Response post(Object body) {
        return agency.asCrm().body(body).post("/v1/outcomes");
    }

    private void refused(Object body, int status, String field, String messagePart) {
        Response r = post(body);
        r.then().statusCode(status).body("field", field == null ? nullValue() : equalTo(field));
        if (messagePart != null) {
            r.then().body("message", containsString(messagePart));
        }
    }

    private Map<String, Object> good() {
        return new HashMap<>(outcome(client, "p-1", "CALLBACK", "evt-" + System.nanoTime(), now.minusSeconds(60)));
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> m = good();
        if (value == null) {
            m.remove(field);
        } else {
            m.put(field, value);
        }
        return m;
    }

    @Test
    void badInputIsA4xxNamingTheFieldAndNothingIsRecorded() {
        for (String field : List.of("clientId", "prospectId", "kind", "eventId", "occurredAt")) {
            refused(with(field, null), 400, field, field + " is required");
        }
        refused(with("kind", "CALLBAK"), 400, "kind", "did you mean 'CALLBACK'?");
        refused(with("kind", "callback"), 400, "kind", "did you mean 'CALLBACK'?");
        refused(with("kind", 7), 400, "kind", null);
        refused(with("occurredAt", "2026-11-20T10:00:00"), 400, "occurredAt", "with an offset");
        refused(with("occurredAt", "yesterday"), 400, "occurredAt", "with an offset");
        refused(with("occurredAt", now.plus(Duration.ofHours(1)).toString()), 400, "occurredAt", "in the future");
        refused(with("occurredAt", "1066-10-14T10:00:00Z"), 400, "occurredAt", "out of range");
        refused(with("eventId", "e".repeat(129)), 400, "eventId", "1 to 128");
        refused(with("eventId", ""), 400, "eventId", "1 to 128");
        refused(with("eventId", "a\u0000b"), 400, "eventId", "control");
        refused(with("prospectId", "p".repeat(129)), 400, "prospectId", "1 to 128");
        refused(with("prospectId", " "), 400, "prospectId", null);
        refused(with("clientId", "no spaces"), 400, "clientId", null);
        refused(with("clientId", "c".repeat(65)), 400, "clientId", null);
        refused(with("clientId", "no-such-client"), 404, "clientId", "no client");
        refused(with("kindd", "CALLBACK"), 400, "kindd", "did you mean 'kind'?");
        // a list: the bad item is named, and the good one before it is not recorded
        Map<String, Object> firstGood = good();
        refused(Map.of("outcomes", List.of(firstGood, with("kind", "MEETNG"))), 400, "outcomes[1].kind", "MEETING");
        refused(Map.of("outcomes", List.of(firstGood, with("clientId", "no-such-client"))), 404, "outcomes[1].clientId", null);
        refused(Map.of("outcomes", List.of(firstGood, with("surprise", 1))), 400, "outcomes[1].surprise", null);
        assertEquals(List.of(), outcomes(agency, client, "p-1"));
        refused(Map.of("outcomes", List.of()), 400, "outcomes", "1 to 500");
        Map<String, Object> both = good();
        both.put("outcomes", List.of(good()));
        refused(both, 400, "outcomes", "not both");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(good());
        }
        refused(Map.of("outcomes", many), 413, "outcomes", "at most 500");
        // bodies that are no outcome at all
        agency.asCrm().body("{\"clientId\": ").post("/v1/outcomes").then().statusCode(400).body("error", equalTo("malformed_json"));
        agency.asCrm().body("[]").post("/v1/outcomes").then().statusCode(400);
        agency.asCrm().body("null").post("/v1/outcomes").then().statusCode(400);
        agency.asCrm().body("").post("/v1/outcomes").then().statusCode(400);
        agency.asCrm().body("{\"eventId\": \"" + "x".repeat(1 << 20) + "\"}").post("/v1/outcomes").then().statusCode(413)
                .body("error", equalTo("payload_too_large"));
        assertEquals(List.of(), outcomes(agency, client, "p-1"));
        // the role: only the key that decides reports
        agency.asAdmin().body(good()).post("/v1/outcomes").then().statusCode(403);
        // a good one after all that goes through
        assertEquals("recorded", report(agency, good()).getString("outcomes[0].status"));
    }

    @Test
    void listingPagesAndRefusesBadParameters() {
        for (int i = 0; i < 5; i++) {
            report(agency, outcome(client, "p-page", "CALLBACK", "page-" + i, now.minusSeconds(600 - i)));
        }
        List<Object> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var spec = agency.asCrm().queryParam("clientId", client).queryParam("limit", 2);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.get("/v1/outcomes").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.eventId"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(List.of("page-4", "page-3", "page-2", "page-1", "page-0"), seen, "newest recorded first");
        assertEquals(3, pages);
        agency.asCrm().queryParam("limit", 0).get("/v1/outcomes").then().statusCode(400).body("field", equalTo("limit"));
        agency.asCrm().queryParam("limit", 501).get("/v1/outcomes").then().statusCode(400).body("field", equalTo("limit"));
        agency.asCrm().queryParam("cursor", "bogus").get("/v1/outcomes").then().statusCode(400).body("field", equalTo("cursor"));
        agency.asCrm().queryParam("clientID", client).get("/v1/outcomes").then().statusCode(400)
                .body("error", equalTo("unknown_parameter")).body("message", containsString("did you mean 'clientId'?"));
        agency.asCrm().queryParam("prospectId", "p".repeat(129)).get("/v1/outcomes").then().statusCode(400)
                .body("field", equalTo("prospectId"));
        agency.asCrm().queryParam("clientId", "bad id").get("/v1/outcomes").then().statusCode(400)
                .body("field", equalTo("clientId"));
    }
}
