package dev.voicemail.decisionlog;

import static dev.voicemail.decisionlog.DecisionLogTests.decide;
import static dev.voicemail.decisionlog.DecisionLogTests.logged;
import static dev.voicemail.decisionlog.DecisionLogTests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.clients.ClientsConfig;
import dev.voicemail.db.Database;
import dev.voicemail.db.DatabaseUnavailableException;
import dev.voicemail.db.LastCopies;
import dev.voicemail.testing.Api;
import dev.voicemail.testing.EmbeddedPostgresResource;
import dev.voicemail.testing.PostgresProfile;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * {@code POST /v1/rules/impact} while PostgreSQL is frozen (SIGSTOP, as in DecisionLogOutagePostgresTest):
 * a 503 database_unavailable in bounded time, no replay thread left behind, decisions unaffected, and
 * the same call right once the database is back.
 */
@QuarkusTest
@TestProfile(ImpactOutagePostgresTest.Outage.class)
class ImpactOutagePostgresTest {

    public static class Outage extends PostgresProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the shipped budget (the test profile's is 10 s): an answer that only comes when the budget
            // runs out must be far from BOUND
            return Map.of("voicemail.decision-log.impact-budget", "60s");
        }
    }

    /**
     * Every wait on PostgreSQL is bounded by about 2 s (socketTimeout, loginTimeout, acquisition-timeout
     * in application.properties): the key check and a page read can meet one each, a fresh connection
     * one more; a call that starts frozen also compiles its candidate (1 to 2 s here); the rest is slack
     * for a 2-core machine. Far under the 60 s budget, so a reader stuck on the database cannot pass.
     */
    static final Duration BOUND = Duration.ofSeconds(10);
    static final int DECISIONS = 300;
    static final int ATTEMPTS = 300;

    @Inject
    ClientDirectory clients;
    @Inject
    Database db;
    @Inject
    ClientsConfig clientsConfig;

    private Api.Agency agency;
    private String client;
    private String author;
    private Map<String, Object> impact;

    @BeforeEach
    void seed() throws Exception {
        agency = Api.newAgency("impact-outage");
        client = Api.unique("always");
        agency.client(client, "always");
        author = Api.operatorAuthor();
        Instant from = Instant.now().minusMillis(5);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < DECISIONS; i++) {
            requests.add(longRequest(client, "p-" + i));
        }
        List<String> ids = agency.asCrm().body(Map.of("requests", requests)).post("/v1/decisions/batch")
                .then().statusCode(200).extract().jsonPath().getList("results.decisionId");
        assertEquals(DECISIONS, ids.size());
        for (String id : ids) {
            logged(agency, id);
        }
        // wait only while two or more attempts remain: every seeded decision (one remaining) changes
        String guards = Files.readString(Path.of("rules/common/guards.drl"));
        String edited = guards.replace("Call( remainingAttemptsToday > 0 )", "Call( remainingAttemptsToday > 1 )");
        assertFalse(edited.equals(guards));
        impact = Map.of("files", Map.of("common/guards.drl", edited), "from", from.toString(),
                "to", Instant.now().plusMillis(5).toString(), "clientId", client);
    }

    @Test
    void aDatabaseFrozenDuringTheReplayIsA503AndTheSameCallWorksOnceItIsBack() throws Exception {
        try (Stops stops = new Stops()) {
            CompletableFuture<Response> call = startImpact(impact);
            awaitReplayRunning(call);
            whileFrozen(() -> assertA503WhileDecisionsGoOn(call, stops));
        }
        assertTheWholeImpact();
    }

    @Test
    void aDatabaseFrozenBeforeTheFirstPageIsA503() throws Exception {
        try (Stops stops = new Stops()) {
            whileFrozen(() -> assertA503WhileDecisionsGoOn(startImpact(impact), stops));
        }
        assertTheWholeImpact();
    }

    /**
     * The log also holds a newer client's decisions: its client is read first, and the seeded one's (as
     * load does with the database away and no copy of it on this replica) fails pages later, while the
     * workers replay.
     */
    @Test
    void aClientLookupThatFailsMidReplayIsA503() throws Exception {
        Api.Agency newer = Api.newAgency("impact-outage");
        String newerClient = Api.unique("never");
        newer.client(newerClient, "never");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3 * 20; i++) { // three of impact's pages
            ids.add(decide(newer, request(newerClient, "p-" + i, 1)));
        }
        for (String id : ids) {
            logged(newer, id);
        }
        Map<String, Object> both = new HashMap<>(impact);
        both.remove("clientId");
        both.put("to", Instant.now().plusMillis(5).toString());

        ClientDirectory real = ClientProxy.unwrap(clients);
        AtomicBoolean away = new AtomicBoolean(true);
        List<String> looked = new CopyOnWriteArrayList<>();
        QuarkusMock.installMockForType(new ClientDirectory(null, db, clientsConfig) {
            @Override
            public Optional<Client> load(String agency, String id) {
                looked.add(id);
                if (away.get() && id.equals(client)) {
                    throw new DatabaseUnavailableException("cannot read the client", null);
                }
                return real.load(agency, id);
            }

            @Override
            public Optional<Client> find(String agency, String id) {
                return real.find(agency, id);
            }

            @Override
            public Optional<LastCopies.Copy<Client>> cached(String agency, String id) {
                return real.cached(agency, id);
            }
        }, ClientDirectory.class);

        try (Stops stops = new Stops()) {
            assertUnavailableInTime(startImpact(both));
            assertEquals(List.of(newerClient, client), looked, "the newer client first, then the failing one");
            assertNoReplayThreadLeft(stops);
        }
        away.set(false);
        var body = Api.as(author).body(both).post("/v1/rules/impact").then().statusCode(200).extract().jsonPath();
        assertEquals(DECISIONS + ids.size(), body.getInt("decisionsRead"), body.prettify());
        assertEquals(DECISIONS, body.getInt("changed"), body.prettify()); // never hangs up under either
    }

    /** Something checked while the database is frozen. */
    private interface Check {
        void run() throws Exception;
    }

    private static void whileFrozen(Check check) throws Exception {
        EmbeddedPostgresResource.freeze();
        try {
            check.run();
        } finally {
            EmbeddedPostgresResource.thaw();
        }
    }

    /** The call answers 503 in time, its workers end by themselves, and decisions still answer. */
    private void assertA503WhileDecisionsGoOn(CompletableFuture<Response> call, Stops stops) throws Exception {
        assertUnavailableInTime(call);
        assertNoReplayThreadLeft(stops);
        decisionsKeepAnswering();
    }

    private CompletableFuture<Response> startImpact(Map<String, Object> body) {
        return CompletableFuture.supplyAsync(() -> Api.as(author).body(body).post("/v1/rules/impact"));
    }

    /** The replay's workers exist: the candidate compiled and the window is being read. */
    private static void awaitReplayRunning(CompletableFuture<Response> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (replayThreads().isEmpty()) {
            assertFalse(call.isDone(), () -> "impact answered before its replay was seen: " + call.join().asString());
            assertTrue(System.nanoTime() < deadline, "no impact-replay thread within 30 s");
            DecisionLogTests.sleep(5);
        }
    }

    private static void assertUnavailableInTime(CompletableFuture<Response> call) throws Exception {
        long started = System.nanoTime();
        Response r;
        try {
            r = call.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("impact did not answer within " + BOUND + " of the freeze: it hangs on the database");
            return;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Impact answered " + r.statusCode() + " in " + ms + " ms: " + r.asString());
        assertEquals(503, r.statusCode(), r.asString());
        assertEquals("database_unavailable", r.jsonPath().getString("error"), r.asString());
        assertEquals("2", r.header("Retry-After"));
    }

    /**
     * The workers end with the call (a moment's grace: they notice within their 50 ms poll), by
     * themselves: none is stopped as if a rule ran away.
     */
    private static void assertNoReplayThreadLeft(Stops stops) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!replayThreads().isEmpty() && System.nanoTime() < deadline) {
            DecisionLogTests.sleep(20);
        }
        assertEquals(List.of(), replayThreads(), "replay threads still running 2 s after the answer");
        assertEquals(List.of(), stops.records, "replay workers stopped by force (Thread.stop) when the reader gave up");
    }

    /** What TrialBudget logs when it stops a confined thread by force. */
    private static final class Stops extends Handler implements AutoCloseable {
        final List<String> records = new CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger("dev.voicemail.rules.TrialBudget"); // held: JUL keeps loggers weakly

        Stops() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    private static List<String> replayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.equals("impact-replay") || n.equals("rules-bounded")).toList();
    }

    /** Async log mode: decisions answer 200 while the database is frozen. */
    private void decisionsKeepAnswering() {
        for (int i = 0; i < 5; i++) {
            decide(agency, request(client, "p-during-" + i, 0));
        }
    }

    private void assertTheWholeImpact() {
        var body = Api.as(author).body(impact).post("/v1/rules/impact").then().statusCode(200).extract().jsonPath();
        System.out.println("Impact after the thaw: " + body.getLong("elapsedMs") + " ms");
        assertEquals(DECISIONS, body.getInt("decisionsRead"), body.prettify());
        assertEquals(DECISIONS, body.getInt("replayed"), body.prettify());
        assertEquals(DECISIONS, body.getInt("changed"), body.prettify());
        assertEquals(0, body.getInt("skipped"), body.prettify());
        assertEquals(DECISIONS, body.getInt("groups[0].count"), body.prettify());
    }

    /** The day's second-last attempt (one more today) after a long history of unanswered calls and e-mails. */
    private static Map<String, Object> longRequest(String clientId, String prospect) {
        List<Map<String, Object>> history = new ArrayList<>();
        Instant first = Instant.parse("2026-06-01T14:00:00Z");
        for (int i = 0; i < ATTEMPTS; i++) {
            history.add(Map.of("at", first.plus(Duration.ofHours(6L * i)).toString(),
                    "channel", i % 2 == 0 ? "CALL" : "EMAIL", "outcome", i % 2 == 0 ? "NO_ANSWER" : "SENT"));
        }
        return Map.of("clientId", clientId, "prospect", Map.of("id", prospect),
                "call", Map.of("at", "2026-11-23T10:35:00-06:00", "remainingAttemptsToday", 1), "attempts", history);
    }
}
