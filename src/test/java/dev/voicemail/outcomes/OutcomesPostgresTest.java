package dev.voicemail.outcomes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class OutcomesPostgresTest extends OutcomesTests {

    /**
     * As on H2 (OutcomesH2Test): the call-time range of a prospect's decisions is an index condition
     * on every day's partition, so a prospect logged many times (an attacker's repeated prospect, or
     * the benchmark's one) costs a lookup of the window's rows, not of all theirs. Sequential scans
     * are switched off for the plan only: the test's tables are small, and the question is which
     * index serves, not whether the planner prefers an index today.
     */
    @Test
    void aProspectsDecisionsAreLookedUpByCallTimeInTheIndex() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet plan = s.executeQuery("EXPLAIN SELECT id, decided_at, call_at FROM decision_log"
                    + " WHERE agency = 'a' AND client_id = 'c' AND prospect_id = 'p'"
                    + " AND call_at >= TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z'"
                    + " AND call_at < TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00Z'")) {
                while (plan.next()) {
                    text.append(plan.getString(1)).append('\n');
                }
            } finally {
                s.execute("RESET enable_seqscan");
            }
        }
        String plan = text.toString();
        assertTrue(plan.contains("Index Cond"), "the prospect's decisions must be found through an index: " + plan);
        for (String line : plan.split("\n")) {
            if (line.contains("Filter:")) {
                assertTrue(!line.contains("call_at"), "the call-time range must not be a filter over the prospect's rows: " + plan);
            }
            if (line.contains("Index Cond")) {
                assertTrue(line.contains("call_at"), "the call-time range must be an index condition: " + plan);
            }
        }
    }
}
