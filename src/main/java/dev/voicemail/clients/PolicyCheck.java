package dev.voicemail.clients;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.Spelling;
import dev.voicemail.rules.PolicyRules;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesRegistry;

/**
 * Checks a policy name and its parameters against the loaded rules: what a client's PUT checks, and
 * what an experiment's arm is checked by, so that an arm decides exactly as a client with that policy
 * and those parameters would.
 */
@ApplicationScoped
public class PolicyCheck {

    /** The parameters column holds 20,000 characters (V1__clients.sql). */
    static final int MAX_PARAMETERS_JSON = 20_000;

    private final RulesRegistry rules;
    private final ObjectMapper json;

    public PolicyCheck(RulesRegistry rules, ObjectMapper json) {
        this.rules = rules;
        this.json = json;
    }

    /**
     * Refuses a policy the loaded rules do not define (422 {@code unknown_policy}) or parameters it does
     * not declare, of the wrong type or too many (422 / 413); {@code prefix} is put before the field names
     * in the error (e.g. {@code arms[1].}).
     */
    public void check(String prefix, String policyName, Map<String, Object> parameters) {
        RuleSet ruleSet = rules.current();
        PolicyRules policy = ruleSet.policy(policyName);
        if (policy == null) {
            Set<String> known = new TreeSet<>(ruleSet.policies().keySet());
            throw new ApiException(422, "unknown_policy", "no policy '" + policyName + "' in rules/policies"
                    + Spelling.didYouMean(policyName, known) + "; known policies: "
                    + String.join(", ", known), prefix + "policy", Map.of("knownPolicies", known));
        }
        if (parameters == null) {
            return;
        }
        if (parameters.size() > 100) {
            throw new ApiException(413, "limit_exceeded", "at most 100 parameters", prefix + "parameters");
        }
        if (write(parameters).length() > MAX_PARAMETERS_JSON) {
            throw new ApiException(413, "limit_exceeded", "the parameters take more than " + MAX_PARAMETERS_JSON
                    + " characters of JSON", prefix + "parameters");
        }
        Map<String, String> problems = policy.check(parameters);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ApiException(422, "invalid_parameter", "parameter '" + first.getKey() + "' " + first.getValue(),
                    prefix + "parameters." + first.getKey(), Map.of("parameters", problems));
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
