package dev.voicemail.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.voicemail.clients.Client;
import dev.voicemail.facts.Channel;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;

/**
 * Decides synthetic but valid requests under every policy of a rule set before it takes traffic.
 * A fresh KieBase is several times slower on its first few hundred decisions (lazy network
 * building, class loading of generated code), and a rule that throws on a valid request would fail
 * real ones: both are found here rather than by a CRM.
 */
final class TrialDecisions {

    private static final ZoneId[] ZONES = {null, ZoneId.of("America/Chicago"), ZoneId.of("Europe/Paris"),
            ZoneId.of("Asia/Tokyo")};
    private static final Instant BASE = Instant.parse("2026-03-02T14:00:00Z");
    /** Trial decisions that every policy must pass: enough to cover every channel, outcome and zone. */
    private static final int CHECKED = 24;
    /** Warming beyond the check stops after this long per policy, so a reload stays quick on a busy machine. */
    private static final long WARM_BUDGET_NANOS = 100_000_000L;

    private TrialDecisions() {
    }

    /** Errors of the policies that failed a trial decision, each naming the policy's file. */
    static List<RuleError> run(RuleSet rules, int decisionsPerPolicy) {
        return run(rules, null, decisionsPerPolicy);
    }

    /**
     * @param tried the rule set that decides now, or null: a policy it already holds (the very same
     *              compiled one, reused because its files did not change) was tried and warmed before
     */
    static List<RuleError> run(RuleSet rules, RuleSet tried, int decisionsPerPolicy) {
        List<RuleError> errors = new ArrayList<>();
        Instant now = Instant.now();
        for (PolicyRules policy : rules.policies().values()) {
            if (tried != null && tried.policy(policy.name()) == policy) {
                continue;
            }
            Client client = new Client("trial", "trial", "Trial Client", policy.name(), "America/New_York", Map.of(),
                    List.of("a trial value proposition"), 1, now, now);
            long started = System.nanoTime();
            for (int i = 0; i < decisionsPerPolicy; i++) {
                if (i >= CHECKED && System.nanoTime() - started > WARM_BUDGET_NANOS) {
                    break;
                }
                DecisionInput input = input(i);
                try {
                    DecisionService.decide(rules, client, input);
                } catch (RuntimeException e) {
                    errors.add(new RuleError(policy.file(), 0, 0, "policy '" + policy.name() + "' failed a trial decision"
                            + " (call at " + input.callAt() + ", " + input.attempts().size() + " earlier attempts, default"
                            + " parameters): " + e));
                    break;
                }
            }
        }
        return errors;
    }

    /** The i-th request: local hours, remaining attempts and histories vary over every channel and outcome. */
    static DecisionInput input(int i) {
        Instant callAt = BASE.plus(Duration.ofMinutes(37L * i));
        int count = (i * 7) % 23;
        Channel[] channels = Channel.values();
        Direction[] directions = Direction.values();
        List<DecisionInput.Touch> attempts = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Channel channel = channels[(i + k) % channels.length];
            Outcome[] valid = Arrays.stream(Outcome.values()).filter(o -> o.validOn(channel)).toArray(Outcome[]::new);
            Outcome outcome = valid[(i * 3 + k) % valid.length];
            Instant at = callAt.minus(Duration.ofHours(3L * (count - k))); // oldest first, some on the call's day
            attempts.add(new DecisionInput.Touch(at, channel, outcome, directions[(i + k) % directions.length],
                    (i + k) % 3 == 0));
        }
        return new DecisionInput("trial", "trial-prospect-" + i, ZONES[i % ZONES.length], callAt, i % 3, attempts);
    }
}
