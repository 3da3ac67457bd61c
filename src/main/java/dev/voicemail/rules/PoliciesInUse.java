package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A policy that clients use (as their own, or in a running experiment's arm) must not disappear under
 * them: their decisions would fail. Asked of a new rule set before it is loaded.
 */
final class PoliciesInUse {

    private final List<PolicyUsage> usages;

    PoliciesInUse(List<PolicyUsage> usages) {
        this.usages = List.copyOf(usages);
    }

    /**
     * One error per policy some client uses that {@code next} does not define, naming the clients;
     * one error too when the clients' policies cannot be known (the database is away): then the rules
     * are not loaded, rather than loaded blind.
     */
    List<RuleError> missingFrom(RuleSet next) {
        Map<String, List<String>> byPolicy = new TreeMap<>();
        try {
            for (PolicyUsage usage : usages) {
                usage.clientsByPolicy().forEach((policy, users) ->
                        byPolicy.computeIfAbsent(policy, k -> new ArrayList<>()).addAll(users));
            }
        } catch (RuntimeException e) {
            return List.of(new RuleError(null, 0, 0, "cannot check which policies clients use, so the rules are not"
                    + " loaded: " + e.getMessage()));
        }
        List<RuleError> errors = new ArrayList<>();
        byPolicy.forEach((policy, users) -> {
            if (next.policy(policy) == null) {
                errors.add(RuleError.missingPolicy(RulesLayout.policyFile(policy), policy, users));
            }
        });
        return errors;
    }
}
