package dev.voicemail.outcomes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutcomesH2Test extends OutcomesTests {

    /**
     * Deriving an outcome reads a prospect's decisions by call time; without call_at in the index it
     * read every row the prospect was ever logged with (a prospect decided 100,000 times: 100,000
     * rows, JSON included, for each new decision).
     */
    @Test
    void aProspectsDecisionsAreLookedUpByCallTimeInTheIndex() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet plan = s.executeQuery("EXPLAIN SELECT id, decided_at, call_at FROM decision_log"
                     + " WHERE agency = 'a' AND client_id = 'c' AND prospect_id = 'p'"
                     + " AND call_at >= TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z'"
                     + " AND call_at < TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00Z'")) {
            assertTrue(plan.next());
            String text = plan.getString(1).toUpperCase();
            assertTrue(text.matches("(?s).*DECISION_LOG_PROSPECT_CALL:[^*]*CALL_AT >=.*"),
                    "the call-time range must be an index condition, not a filter over the prospect's rows: " + text);
        }
    }
}
