package dev.voicemail.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything compiled from one state of the rules directory. Immutable: a reload builds a new one
 * and swaps it in whole, so a decision never sees a mix of two rule sets.
 *
 * @param version  sha256 digest of the rule files (paths and contents)
 * @param files    rule files, relative to the rules directory
 * @param policies compiled policies by name
 */
public record RuleSet(String version, Instant loadedAt, List<String> files, Map<String, PolicyRules> policies) {

    public PolicyRules policy(String name) {
        return policies.get(name);
    }
}
