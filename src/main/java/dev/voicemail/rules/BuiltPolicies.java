package dev.voicemail.rules;

import java.util.Map;

/**
 * Policies built before, in memory, by {@link PolicySource#key()}: an edit to one policy file then
 * rebuilds that policy only, which keeps a reload well under a second. A compiled policy is
 * immutable, so two rule sets may share it.
 *
 * <p>It keeps the policies of the last rule set compiled to be loaded, and nothing else: what that
 * set does not use (older versions, a policy edited or removed, every policy after a common-file
 * edit) is forgotten, so memory holds about one rule set however many edits there were. Keeping
 * older versions, as a least-recently-used bound of 64 did, filled the 160 MB heap and 140 MB of
 * metaspace after a few common-file edits of 26 policies, and a reload then took over a minute of
 * back-to-back full collections. An older version comes back from the on-disk cache instead.
 */
final class BuiltPolicies {

    /** Immutable, replaced whole: the compile threads read it without a lock. */
    private volatile Map<String, PolicyRules> byKey = Map.of();

    /** The policy built from the sources with this key; null when not (or no longer) kept. */
    PolicyRules get(String key) {
        return byKey.get(key);
    }

    /** After a compile meant to be loaded: keeps exactly its policies, by key. */
    void keepOnly(Map<String, PolicyRules> policies) {
        byKey = Map.copyOf(policies);
    }

    /** How many policies are kept. */
    int size() {
        return byKey.size();
    }
}
