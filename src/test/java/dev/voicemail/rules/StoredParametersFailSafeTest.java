package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.voicemail.clients.Client;
import dev.voicemail.facts.Action;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;

/**
 * A client stored before a parameter constraint existed (or written to the database by hand) may
 * hold a value the rules cannot read. The decision must not fail: the real rules hang up, and say why.
 */
class StoredParametersFailSafeTest {

    private static RuleSet rules;

    @BeforeAll
    static void compile() throws Exception {
        rules = new RulesCompiler().compile(RulesDirectory.read(Path.of("rules")));
    }

    private static DecisionResponse decide(String policy, Map<String, Object> parameters) {
        Instant now = Instant.now();
        Client client = new Client("default", "c-1", "Acme", policy, "America/Chicago", parameters, List.of(), 1, now, now);
        DecisionInput in = new DecisionInput("c-1", "p-1", null, Instant.parse("2026-11-23T16:35:00Z"), 0, List.of());
        return DecisionService.decide(rules, client, in);
    }

    @Test
    void callingHoursThatAreNotTimesHangUp() {
        for (String policy : List.of("always", "cadence", "persistent", "multichannel", "only-after-contact")) {
            DecisionResponse answer = decide(policy, Map.of("callingHoursEnd", "8pm"));
            assertEquals(Action.HANG_UP, answer.action(), policy);
            assertEquals("hang up when the client's calling hours are not clock times", answer.reasons().get(0).rule(), policy);
        }
    }

    @Test
    void theSameClientWithValidHoursLeavesAVoicemail() {
        assertEquals(Action.LEAVE_VOICEMAIL, decide("always", Map.of("callingHoursEnd", "20:00")).action());
    }

    @Test
    void storingTheBadValueIsRefused() {
        Map<String, String> problems = rules.policy("always").check(Map.of("callingHoursEnd", "8pm"));
        assertEquals(List.of("callingHoursEnd"), List.copyOf(problems.keySet()));
    }
}
