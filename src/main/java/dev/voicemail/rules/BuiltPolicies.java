package dev.voicemail.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policies built before, in memory, by {@link PolicySource#key()}: an edit to one policy file then
 * rebuilds that policy only, which keeps a reload well under a second. A compiled policy is
 * immutable, so two rule sets may share it. The least recently used beyond a bound are forgotten.
 */
final class BuiltPolicies {

    private final Map<String, PolicyRules> byKey;

    BuiltPolicies(int max) {
        byKey = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PolicyRules> eldest) {
                return size() > max;
            }
        });
    }

    /** The policy built from the sources with this key; null when not (or no longer) kept. */
    PolicyRules get(String key) {
        return byKey.get(key);
    }

    void put(String key, PolicyRules rules) {
        byKey.put(key, rules);
    }
}
