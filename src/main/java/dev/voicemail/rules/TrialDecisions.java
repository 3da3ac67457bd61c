package dev.voicemail.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.voicemail.facts.Attempt;
import dev.voicemail.facts.Call;
import dev.voicemail.facts.Channel;
import dev.voicemail.facts.ClientProfile;
import dev.voicemail.facts.Decision;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;
import dev.voicemail.facts.Prospect;
import dev.voicemail.facts.Rep;

/**
 * Decides synthetic but valid requests under every policy of a rule set before it takes traffic.
 * A fresh KieBase is several times slower on its first few hundred decisions (lazy network
 * building, class loading of generated code), and a rule that throws on a valid request would fail
 * real ones: both are found here rather than by a CRM. The trials are built as facts, the contract
 * every policy is written against, so this package needs nothing of the request layer above it.
 */
final class TrialDecisions {

    private static final ZoneId[] ZONES = {null, ZoneId.of("America/Chicago"), ZoneId.of("Europe/Paris"),
            ZoneId.of("Asia/Tokyo")};
    /** The trial client's zone, used when a trial call names none (as a client's zone is for a request). */
    private static final ZoneId CLIENT_ZONE = ZoneId.of("America/New_York");
    private static final ClientProfile CLIENT = new ClientProfile("trial", "Trial Client",
            List.of("a trial value proposition"));
    private static final Rep NO_REP = new Rep(null, null);
    private static final Instant BASE = Instant.parse("2026-03-02T14:00:00Z");
    /** Trial decisions that every policy must pass: enough to cover every channel, outcome and zone. */
    private static final int CHECKED = 24;
    /** Warming beyond the check stops after this long per policy, so a reload stays quick on a busy machine. */
    private static final long WARM_BUDGET_NANOS = 100_000_000L;

    private TrialDecisions() {
    }

    /** One synthetic call: its prospect's zone (null: the client's), attempts oldest first. */
    record TrialCall(String prospectId, ZoneId zone, Instant callAt, int remainingAttemptsToday,
                     List<TrialAttempt> attempts) {
    }

    /** An earlier attempt of a trial call, before its local day is known. */
    record TrialAttempt(Instant at, Channel channel, Outcome outcome, Direction direction, boolean decisionMaker) {
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
        for (PolicyRules policy : rules.policies().values()) {
            if (tried != null && tried.policy(policy.name()) == policy) {
                continue;
            }
            long started = System.nanoTime();
            for (int i = 0; i < decisionsPerPolicy; i++) {
                if (i >= CHECKED && System.nanoTime() - started > WARM_BUDGET_NANOS) {
                    break;
                }
                TrialCall call = call(i);
                try {
                    policy.decide(facts(policy, call));
                } catch (RuntimeException e) {
                    errors.add(new RuleError(policy.file(), 0, 0, "policy '" + policy.name() + "' failed a trial decision"
                            + " (call at " + call.callAt() + ", " + call.attempts().size() + " earlier attempts, default"
                            + " parameters): " + e));
                    break;
                }
            }
        }
        return errors;
    }

    /** The facts a decision on {@code call} inserts, as the decision service prepares them. */
    private static List<Object> facts(PolicyRules policy, TrialCall call) {
        ZoneId zone = call.zone() != null ? call.zone() : CLIENT_ZONE;
        List<Object> facts = new ArrayList<>(call.attempts().size() + 8);
        facts.add(CLIENT);
        facts.add(new Prospect(call.prospectId(), zone));
        facts.add(NO_REP);
        ZonedDateTime local = call.callAt().atZone(zone);
        facts.add(new Call(call.callAt(), local.toLocalDate(), local.toLocalTime(), call.remainingAttemptsToday()));
        facts.addAll(policy.parameterFacts(Map.of()));
        for (TrialAttempt a : call.attempts()) {
            facts.add(new Attempt(a.at(), a.at().atZone(zone).toLocalDate(), a.channel(), a.outcome(), a.direction(),
                    a.decisionMaker()));
        }
        facts.add(new Decision());
        return facts;
    }

    /** The i-th call: local hours, remaining attempts and histories vary over every channel and outcome. */
    static TrialCall call(int i) {
        if (i % 2 == 1) {
            return ordinaryPursuit(i);
        }
        Instant callAt = BASE.plus(Duration.ofMinutes(37L * i));
        int count = (i * 7) % 23;
        Channel[] channels = Channel.values();
        Direction[] directions = Direction.values();
        List<TrialAttempt> attempts = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Channel channel = channels[(i + k) % channels.length];
            Outcome[] valid = Arrays.stream(Outcome.values()).filter(o -> o.validOn(channel)).toArray(Outcome[]::new);
            Outcome outcome = valid[(i * 3 + k) % valid.length];
            Instant at = callAt.minus(Duration.ofHours(3L * (count - k))); // oldest first, some on the call's day
            attempts.add(new TrialAttempt(at, channel, outcome, directions[(i + k) % directions.length],
                    (i + k) % 3 == 0));
        }
        return new TrialCall("trial-prospect-" + i, ZONES[i % ZONES.length], callAt, i % 3, List.copyOf(attempts));
    }

    /**
     * A call in the middle of the client's day, the last of the day, after a pursuit of earlier days
     * that nothing ended (no opt-out, no bad number): the request that reaches a policy's own rules
     * rather than a guard. The varied calls above mostly end at a guard (an opt-out in a long history,
     * a call out of hours, attempts left today), so without these a rule that loops on an ordinary
     * history passed the trials and hung real decisions.
     */
    private static TrialCall ordinaryPursuit(int i) {
        ZoneId zone = ZONES[(i / 2) % 3]; // the client's, Chicago, Paris (not Tokyo: ZONES' last)
        ZoneId local = zone != null ? zone : CLIENT_ZONE;
        Instant callAt = BASE.atZone(local).withHour(11).withMinute(7 * (i % 8)).toInstant().plus(Duration.ofDays(i));
        int count = 1 + (i % 9);
        Channel[] channels = Channel.values();
        Direction[] directions = Direction.values();
        List<TrialAttempt> attempts = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Channel channel = channels[(i + k) % channels.length];
            Outcome[] ordinary = Arrays.stream(Outcome.values())
                    .filter(o -> o.validOn(channel) && o != Outcome.OPTED_OUT && o != Outcome.BAD_NUMBER)
                    .toArray(Outcome[]::new);
            Outcome outcome = ordinary[(i + 2 * k) % ordinary.length];
            Instant at = callAt.minus(Duration.ofHours(26L * (count - k))); // one a day or so, none today
            attempts.add(new TrialAttempt(at, channel, outcome, directions[(i + k) % directions.length], (i + k) % 4 == 0));
        }
        return new TrialCall("trial-prospect-" + i, zone, callAt, 0, List.copyOf(attempts));
    }
}
