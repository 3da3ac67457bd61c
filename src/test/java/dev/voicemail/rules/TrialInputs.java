package dev.voicemail.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.voicemail.clients.Client;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;

/** The trial decisions' synthetic calls as requests, for tests that decide them through the decision service. */
final class TrialInputs {

    private TrialInputs() {
    }

    static DecisionInput input(int i) {
        TrialDecisions.TrialCall call = TrialDecisions.call(i);
        return new DecisionInput("trial", call.prospectId(), call.zone(), call.callAt(), call.remainingAttemptsToday(),
                call.attempts().stream().map(a -> new DecisionInput.Touch(a.at(), a.channel(), a.outcome(),
                        a.direction(), a.decisionMaker())).toList());
    }

    /**
     * Every policy's answers to {@code perPolicy} trial requests, with the policy's defaults and, for
     * cadence, with parameters of a client's own: for tests that compare two ways of obtaining the rules.
     */
    static List<DecisionResponse> answers(RuleSet rules, int perPolicy) {
        List<DecisionResponse> answers = new ArrayList<>();
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        for (String policy : new TreeMap<>(rules.policies()).keySet()) {
            Map<String, Object> parameters = policy.equals("cadence")
                    ? Map.of("callsBetweenVoicemails", 1, "maxVoicemails", 3) : Map.of();
            for (Map<String, Object> values : List.of(Map.<String, Object>of(), parameters)) {
                Client client = new Client("a", "c", "Client Co", policy, "America/Chicago", values,
                        List.of("first proposition", "second proposition"), 1, now, now);
                for (int i = 0; i < perPolicy; i++) {
                    answers.add(DecisionService.decide(rules, client, input(i)));
                }
            }
        }
        return answers;
    }
}
