package dev.voicemail.decisionlog;

import static dev.voicemail.decisionlog.DecisionLogTests.decide;
import static dev.voicemail.decisionlog.DecisionLogTests.logged;
import static dev.voicemail.decisionlog.DecisionLogTests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.EmbeddedPostgresResource;
import dev.voicemail.testing.PostgresProfile;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The default (async) mode while PostgreSQL is frozen: decisions keep answering 200, none waits for
 * the log, what the small queue cannot hold is dropped and counted, and logging resumes on its own.
 */
@QuarkusTest
@TestProfile(DecisionLogOutagePostgresTest.Async.class)
class DecisionLogOutagePostgresTest {

    public static class Async extends PostgresProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // long client and key caches, so that what is measured is the log, not their re-reads during the outage
            // 20 entries, and 300 attempts (an entry weighs its attempts + 1): one-attempt entries meet the
            // count first, 100-attempt entries the weight
            return Map.of("voicemail.decision-log.queue-capacity", "20", "voicemail.decision-log.batch-size", "10",
                    "voicemail.decision-log.queue-max-attempts", "300",
                    "voicemail.clients.cache-ttl", "10M", "voicemail.auth.cache-ttl", "10M");
        }
    }

    @Inject
    MeterRegistry registry;

    private double dropped() {
        return registry.counter("voicemail.decision.log.dropped").count();
    }

    @Test
    void aFrozenDatabaseNeverSlowsOrFailsADecisionAndLoggingResumes() throws Exception {
        Api.Agency agency = Api.newAgency("outage");
        String client = Api.unique("c");
        agency.client(client, "always");
        logged(agency, decide(agency, request(client, "p-0", 0)));
        double droppedBefore = dropped();

        List<Long> millis = new ArrayList<>();
        List<String> ids = decideWhileFrozen(agency, 200, i -> request(client, "p-" + i, 0), millis);
        millis.sort(null);
        // the writer holds at most one batch (10) and the queue 20: the rest was dropped, and counted
        double dropped = dropped() - droppedBefore;
        assertTrue(dropped >= 200 - 30, "dropped " + dropped);
        // no decision waited for the database's 2 s time-outs (the log is off the request path)
        assertTrue(millis.get(millis.size() - 1) < 1900, "slowest decisions (ms): " + millis.subList(millis.size() - 5, millis.size()));
        System.out.println("Decisions while the database was frozen, ms: median " + millis.get(millis.size() / 2)
                + ", p99 " + millis.get(millis.size() * 99 / 100) + ", max " + millis.get(millis.size() - 1));

        // thawed: what the queue held is written, and new decisions are logged again
        logged(agency, ids.get(0)); // queued before the queue filled: written once the database returned
        String after = decide(agency, request(client, "p-after", 0));
        logged(agency, after);
        assertEquals(404, agency.asCrm().get("/v1/decisions/" + ids.get(ids.size() - 1)).statusCode(), "the last were dropped");
    }

    /**
     * The queue is bounded by the attempts its entries hold, not only by their number: 20,000 entries
     * of 1,000 attempts would not fit in the heap the service ships with (160 MB).
     */
    @Test
    void longHistoriesFillTheQueueByTheirWeight() throws Exception {
        Api.Agency agency = Api.newAgency("weight");
        String client = Api.unique("c");
        agency.client(client, "always");
        logged(agency, decide(agency, request(client, "p-0", 0)));
        double droppedBefore = dropped();

        List<String> ids = decideWhileFrozen(agency, 30, i -> longRequest(client, "long-" + i, 100), new ArrayList<>());
        // 30 entries fit the count (the writer's batch of 10 and the queue's 20); by weight (101 each,
        // 300 at most) the queue holds 2: at most 12 were kept
        double dropped = dropped() - droppedBefore;
        assertTrue(dropped >= 30 - 12, "dropped " + dropped);
        logged(agency, ids.get(0));
        assertEquals(404, agency.asCrm().get("/v1/decisions/" + ids.get(ids.size() - 1)).statusCode(), "the last were dropped");
        logged(agency, decide(agency, longRequest(client, "long-after", 100))); // the weight was given back
    }

    /** Decides {@code n} requests while the database is frozen; each decision's time in ms goes to {@code millis}. */
    private static List<String> decideWhileFrozen(Api.Agency agency, int n, IntFunction<Map<String, Object>> request,
                                                  List<Long> millis) throws Exception {
        EmbeddedPostgresResource.freeze();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                ids.add(decide(agency, request.apply(i)));
                millis.add((System.nanoTime() - t) / 1_000_000);
            }
        } finally {
            EmbeddedPostgresResource.thaw();
        }
        return ids;
    }

    private static Map<String, Object> longRequest(String clientId, String prospect, int attempts) {
        List<Map<String, Object>> history = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            history.add(Map.of("at", java.time.Instant.parse("2026-06-01T14:00:00Z").plus(java.time.Duration.ofHours(i)).toString(),
                    "channel", "EMAIL", "outcome", "SENT"));
        }
        return Map.of("clientId", clientId, "prospect", Map.of("id", prospect),
                "call", Map.of("at", "2026-11-23T10:35:00-06:00", "remainingAttemptsToday", 0), "attempts", history);
    }
}
