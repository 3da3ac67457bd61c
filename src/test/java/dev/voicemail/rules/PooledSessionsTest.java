package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.voicemail.clients.Client;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;

/**
 * Decisions borrow pooled working memories: nothing of one decision may reach the next (facts,
 * derived facts such as cadence's SequenceState, fired rules). Every input must get the answer it
 * got the first time, whatever the pooled session decided before and on whichever thread.
 */
class PooledSessionsTest {

    private static final int INPUTS = 200;

    @Test
    void answersDoNotDependOnWhatAPooledSessionDecidedBefore() throws Exception {
        RuleSet rules = new RulesCompiler().compile(RulesDirectory.read(Path.of("rules")));
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (PolicyRules policy : rules.policies().values()) {
                Client client = new Client("default", "pooled", "Pooled Client", policy.name(), "America/New_York", Map.of(),
                        List.of("first proposition", "second proposition", "third proposition"), 1, now, now);
                List<DecisionResponse> first = new ArrayList<>();
                for (int i = 0; i < INPUTS; i++) {
                    first.add(DecisionService.decide(rules, client, TrialInputs.input(i)));
                }
                List<Integer> order = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < INPUTS; i++) {
                        order.add(i);
                    }
                }
                Collections.shuffle(order, new Random(42));
                List<Future<DecisionResponse>> again = new ArrayList<>();
                for (int i : order) {
                    DecisionInput input = TrialInputs.input(i);
                    again.add(pool.submit(() -> DecisionService.decide(rules, client, input)));
                }
                for (int k = 0; k < order.size(); k++) {
                    assertEquals(first.get(order.get(k)), again.get(k).get(),
                            "policy " + policy.name() + ", input " + order.get(k) + " decided again after others");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
